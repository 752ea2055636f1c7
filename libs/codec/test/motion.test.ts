import { describe, expect, it } from 'vitest';
import { createDecoder, createEncoder, type Frame } from '../src/index';
import { applyEdit } from './support/edits';
import { expectSamePicture, syntheticFrame } from './support/pixels';

const WIDTH = 640;
const HEIGHT = 480;
const copyCount = (update: Uint8Array) => update[8]! | (update[9]! << 8);

function session() {
  const encoder = createEncoder({ width: WIDTH, height: HEIGHT });
  const decoder = createDecoder();
  let data = syntheticFrame(WIDTH, HEIGHT, 11);
  const frame = (): Frame => ({ width: WIDTH, height: HEIGHT, data, format: 'bgrx' });
  const keyframe = encoder.encode(frame());
  decoder.decode(keyframe);
  return {
    keyframe,
    step(edit: Parameters<typeof applyEdit>[3] | ((pixels: Uint8Array) => void)) {
      data = data.slice();
      if (typeof edit === 'function') edit(data);
      else applyEdit(data, WIDTH, HEIGHT, edit);
      const update = encoder.encode(frame());
      decoder.decode(update);
      expectSamePicture(decoder, frame());
      return update;
    },
  };
}

describe('motion detection', () => {
  it('sends a scrolled region as copies plus the newly exposed lines', () => {
    const s = session();
    const update = s.step({ kind: 'scroll', rect: { x: 0, y: 0, width: WIDTH, height: HEIGHT }, dy: 19 });
    expect(copyCount(update)).toBeGreaterThan(0);
    expect(update.length).toBeLessThan(s.keyframe.length / 4);
  });

  it('follows a window dragged diagonally, frame after frame', () => {
    const s = session();
    let rect = { x: 100, y: 80, width: 300, height: 200 };
    for (const [dx, dy] of [
      [37, -23],
      [41, -19],
      [-54, 8],
    ] as const) {
      const update = s.step({ kind: 'move', rect, dx, dy, background: 0x336699 });
      expect(copyCount(update)).toBeGreaterThan(0);
      expect(update.length).toBeLessThan(s.keyframe.length / 2);
      rect = { ...rect, x: rect.x + dx, y: rect.y + dy };
    }
  });

  it('restores content the keyframe showed from the reference picture', () => {
    const s = session();
    const area = { x: 64, y: 64, width: 256, height: 128 };
    s.step({ kind: 'fill', rect: area, colour: 0x445566 });
    const original = syntheticFrame(WIDTH, HEIGHT, 11);
    const update = s.step((pixels) => {
      for (let y = area.y; y < area.y + area.height; y++) {
        const row = y * WIDTH * 4;
        pixels.set(original.subarray(row + area.x * 4, row + (area.x + area.width) * 4), row + area.x * 4);
      }
    });
    expect(update.length).toBeLessThan(200);
  });

  it('stays exact when motion detection is off', () => {
    const encoder = createEncoder({ width: 64, height: 64, detectMotion: false });
    const decoder = createDecoder();
    let data = syntheticFrame(64, 64, 12);
    decoder.decode(encoder.encode({ width: 64, height: 64, data, format: 'bgrx' }));
    data = data.slice();
    applyEdit(data, 64, 64, { kind: 'scroll', rect: { x: 0, y: 0, width: 64, height: 64 }, dy: 5 });
    const update = encoder.encode({ width: 64, height: 64, data, format: 'bgrx' });
    expect(copyCount(update)).toBe(0);
    decoder.decode(update);
    expectSamePicture(decoder, { width: 64, height: 64, data, format: 'bgrx' });
  });
});
