import { beforeAll, describe, expect, it } from 'vitest';
import { createDecoder, createEncoder, type Frame } from '../src/index';
import { corpusAt, loadScene, SCENES, type Scene, VENDORED_CORPUS_DIR } from './support/corpus';
import { expectSamePicture, withJunkX } from './support/pixels';

const frameOf = (scene: Scene, data: Uint8Array): Frame => ({
  width: scene.width,
  height: scene.height,
  data,
  format: 'bgrx',
});

it('finds the corpus slice in the repository (test/corpus)', () => {
  expect(corpusAt(VENDORED_CORPUS_DIR), `no corpus at ${VENDORED_CORPUS_DIR}`).toBe(true);
});

describe('corpus round trip (every frame, lossless)', () => {
  for (const name of SCENES) {
    describe(name, () => {
      let scene: Scene;
      beforeAll(() => {
        scene = loadScene(name);
      });

      it('decodes every update of the recording to the exact input pixels', () => {
        const encoder = createEncoder({ width: scene.width, height: scene.height });
        const decoder = createDecoder();
        scene.frames.forEach((data, i) => {
          const result = decoder.decode(encoder.encode(frameOf(scene, data)));
          expect(result.keyframe).toBe(i === 0);
          expectSamePicture(decoder, frameOf(scene, data), `${name} frame ${i}`);
        });
      });

      it('ignores junk in the X byte: no damage for X-only changes, exact R, G, B', () => {
        const encoder = createEncoder({ width: scene.width, height: scene.height });
        const decoder = createDecoder();
        scene.frames.forEach((data, i) => {
          const junk = frameOf(scene, withJunkX(data, i + 1));
          decoder.decode(encoder.encode(junk));
          expectSamePicture(decoder, junk, `${name} frame ${i}`);
          const again = decoder.decode(encoder.encode(frameOf(scene, withJunkX(data, i + 1000))));
          expect(again.rects).toEqual([]);
        });
      });

      it('stays exact across a keyframe in the middle and a resize', () => {
        const encoder = createEncoder({ width: scene.width, height: scene.height });
        const decoder = createDecoder();
        const half = scene.frames.length >> 1;
        for (let i = 0; i < half; i++) decoder.decode(encoder.encode(frameOf(scene, scene.frames[i]!)));
        const key = decoder.decode(encoder.keyframe(frameOf(scene, scene.frames[half]!)));
        expect(key.keyframe).toBe(true);
        expectSamePicture(decoder, frameOf(scene, scene.frames[half]!), 'after keyframe');
        for (let i = half + 1; i < scene.frames.length; i++) {
          decoder.decode(encoder.encode(frameOf(scene, scene.frames[i]!)));
          expectSamePicture(decoder, frameOf(scene, scene.frames[i]!), `${name} frame ${i}`);
        }
        // A 1366×768 crop of the recording (not a multiple of the tile size), then back to full size.
        encoder.resize(1366, 768);
        for (let i = 0; i < 3; i++) {
          const crop: Frame = {
            width: 1366,
            height: 768,
            data: scene.frames[i]!,
            stride: scene.width * 4,
            format: 'bgrx',
          };
          const result = decoder.decode(encoder.encode(crop));
          expect(result.keyframe).toBe(i === 0);
          expectSamePicture(decoder, crop, `crop ${i}`);
        }
        encoder.resize(scene.width, scene.height);
        const back = decoder.decode(encoder.encode(frameOf(scene, scene.frames[0]!)));
        expect(back.keyframe).toBe(true);
        expectSamePicture(decoder, frameOf(scene, scene.frames[0]!), 'after resize back');
      });
    });
  }
});
