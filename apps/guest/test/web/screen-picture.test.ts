import { createDecoder, createEncoder } from '@fernhilfe/codec';
import { describe, expect, it } from 'vitest';
import { ScreenPicture } from '../../src/web/screen-picture';

function filled(pixels: number, value: number): Uint8Array {
  return new Uint8Array(pixels * 4).fill(value);
}

describe('ScreenPicture', () => {
  it('encodes a whole picture as a keyframe, then only the patched part', () => {
    const picture = new ScreenPicture();
    const decoder = createDecoder();
    const first = decoder.decode(picture.encode({ width: 64, height: 32, data: filled(64 * 32, 10) }, createEncoder));
    expect(first.keyframe).toBe(true);
    const rect = { x: 6, y: 4, width: 4, height: 2 };
    const patched = decoder.decode(
      picture.encode({ width: 64, height: 32, rect, data: filled(8, 200) }, createEncoder),
    );
    expect(patched).toMatchObject({ keyframe: false, rects: [rect] });
    const { data } = decoder.framebuffer;
    expect([...data.subarray((4 * 64 + 6) * 4, (4 * 64 + 6) * 4 + 4)]).toEqual([200, 200, 200, 255]);
    expect([...data.subarray((4 * 64 + 5) * 4, (4 * 64 + 5) * 4 + 4)]).toEqual([10, 10, 10, 255]);
  });

  it('rejects a first or resized picture that does not cover the screen, and patches that do not fit', () => {
    const picture = new ScreenPicture();
    const part = { width: 8, height: 8, rect: { x: 0, y: 0, width: 2, height: 2 }, data: filled(4, 1) };
    for (const patch of [
      part,
      { width: 8, height: 8, rect: { x: 7, y: 0, width: 2, height: 2 }, data: filled(4, 1) },
      { width: 8, height: 8, rect: { x: 0, y: 0, width: 2, height: 2 }, data: filled(3, 1) },
      { width: 8, height: 8, rect: { x: -2, y: 0, width: 2, height: 2 }, data: filled(4, 1) },
      { width: 8, height: 8, data: filled(63, 1) },
    ]) {
      expect(() => picture.encode(patch, createEncoder)).toThrow(
        expect.objectContaining({ name: 'GuestError', code: 'GUEST_ENCODER_FAILED' }),
      );
    }
    picture.encode({ width: 8, height: 8, data: filled(64, 1) }, createEncoder);
    expect(picture.encode(part, createEncoder)).toBeInstanceOf(Uint8Array);
    expect(() => picture.encode({ ...part, width: 16 }, createEncoder)).toThrow(
      expect.objectContaining({ code: 'GUEST_ENCODER_FAILED' }),
    );
  });
});
