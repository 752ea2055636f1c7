import type { ScreenDecoder, ScreenDecoderLimits } from '../../src/decoder/screen-decoder';
import type { Framebuffer, Rect } from '../../src/render/framebuffer';

/**
 * A test-only stand-in for the codec: an update is `width u16, height u16, count u16`
 * followed by `count` rectangles `x, y, w, h (u16), reported (u8)` and their RGBA pixels.
 * Rectangles with `reported = 0` change the framebuffer without being listed as changed,
 * which lets tests prove that only listed rectangles are repainted.
 */
export interface FakeRect extends Rect {
  rgba: Uint8Array;
  reported?: boolean;
}

const HEADER = 6;
const RECT_HEADER = 9;

/**
 * @param width - screen width
 * @param height - screen height
 * @param rects - rectangles with their pixels
 * @returns update bytes for {@link createFakeDecoder}
 */
export function encodeFakeUpdate(width: number, height: number, rects: readonly FakeRect[]): Uint8Array {
  const size = rects.reduce((sum, rect) => sum + RECT_HEADER + rect.rgba.length, HEADER);
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, width);
  view.setUint16(2, height);
  view.setUint16(4, rects.length);
  let offset = HEADER;
  for (const rect of rects) {
    view.setUint16(offset, rect.x);
    view.setUint16(offset + 2, rect.y);
    view.setUint16(offset + 4, rect.width);
    view.setUint16(offset + 6, rect.height);
    view.setUint8(offset + 8, rect.reported === false ? 0 : 1);
    bytes.set(rect.rgba, offset + RECT_HEADER);
    offset += RECT_HEADER + rect.rgba.length;
  }
  return bytes;
}

/**
 * @param limits - largest screen accepted
 * @returns a decoder for {@link encodeFakeUpdate} bytes
 */
export function createFakeDecoder(limits: ScreenDecoderLimits): ScreenDecoder {
  let framebuffer: Framebuffer = { width: 0, height: 0, data: new Uint8ClampedArray(0) };
  return {
    get framebuffer() {
      return framebuffer;
    },
    decode(update) {
      const view = new DataView(update.buffer, update.byteOffset, update.byteLength);
      const width = view.getUint16(0);
      const height = view.getUint16(2);
      if (width > limits.maxWidth || height > limits.maxHeight) throw new RangeError('fake: too large');
      if (width !== framebuffer.width || height !== framebuffer.height) {
        framebuffer = { width, height, data: new Uint8ClampedArray(width * height * 4) };
      }
      const rects: Rect[] = [];
      let offset = HEADER;
      for (let index = view.getUint16(4); index > 0; index--) {
        const rect = {
          x: view.getUint16(offset),
          y: view.getUint16(offset + 2),
          width: view.getUint16(offset + 4),
          height: view.getUint16(offset + 6),
        };
        const reported = view.getUint8(offset + 8) === 1;
        offset += RECT_HEADER;
        for (let row = 0; row < rect.height; row++) {
          const source = update.subarray(offset + row * rect.width * 4, offset + (row + 1) * rect.width * 4);
          framebuffer.data.set(source, ((rect.y + row) * width + rect.x) * 4);
        }
        offset += rect.width * rect.height * 4;
        if (reported) rects.push(rect);
      }
      return { rects };
    },
  };
}

/**
 * A deterministic test picture: every pixel differs from its neighbours.
 *
 * @param x - column
 * @param y - row
 * @param seed - varies the picture
 * @returns RGBA
 */
export function patternPixel(x: number, y: number, seed = 0): [number, number, number, number] {
  return [(x * 7 + seed * 31) & 255, (y * 13 + seed * 17) & 255, (x * 3 + y * 5 + seed * 11) & 255, 255];
}

/**
 * @param rect - where
 * @param seed - which picture
 * @param reported - listed as changed
 * @returns a rectangle filled with {@link patternPixel}
 */
export function patternRect(rect: Rect, seed: number, reported = true): FakeRect {
  const rgba = new Uint8Array(rect.width * rect.height * 4);
  for (let y = 0; y < rect.height; y++) {
    for (let x = 0; x < rect.width; x++) rgba.set(patternPixel(rect.x + x, rect.y + y, seed), (y * rect.width + x) * 4);
  }
  return { ...rect, rgba, reported };
}
