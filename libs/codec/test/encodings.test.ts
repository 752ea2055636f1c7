import { describe, it } from 'vitest';
import { createDecoder, createEncoder, type Frame } from '../src/index';
import { expectSamePicture, rng } from './support/pixels';

/** A frame whose pixels use `colours` distinct colours, in runs of `run` pixels. */
function frameWithColours(width: number, height: number, colours: number, run: number, seed: number): Frame {
  const next = rng(seed);
  const palette = Array.from({ length: colours }, () => next() & 0xffffff);
  const data = new Uint8Array(width * height * 4);
  let colour = 0;
  for (let i = 0; i < width * height; i++) {
    if (i % run === 0) colour = palette[next() % colours]!;
    data[i * 4] = colour & 0xff;
    data[i * 4 + 1] = (colour >>> 8) & 0xff;
    data[i * 4 + 2] = (colour >>> 16) & 0xff;
    data[i * 4 + 3] = next() & 0xff;
  }
  return { width, height, data, format: 'bgrx' };
}

describe('tile encodings round-trip at every palette size and odd widths', () => {
  for (const colours of [1, 2, 3, 4, 5, 16, 17, 200, 255, 256, 5000]) {
    for (const run of [1, 3, 50]) {
      it(`${colours} colours, runs of ${run}`, () => {
        for (const [width, height] of [
          [1, 1],
          [7, 3],
          [63, 65],
          [64, 64],
          [130, 70],
        ] as const) {
          const encoder = createEncoder({ width, height });
          const decoder = createDecoder();
          const first = frameWithColours(width, height, colours, run, colours * 31 + run);
          decoder.decode(encoder.encode(first));
          expectSamePicture(decoder, first, `${width}×${height} keyframe`);
          const second = frameWithColours(width, height, colours, run, colours * 37 + run);
          decoder.decode(encoder.encode(second));
          expectSamePicture(decoder, second, `${width}×${height} delta`);
        }
      });
    }
  }
});
