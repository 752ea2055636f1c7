import type { LittleEndianReader } from '../byte-reader';
import type { LittleEndianWriter } from '../byte-writer';
import type { PixelTarget } from '../pixels';
import type { Rect } from '../types';

// Local copy: transpiled test and bench runs turn imported constants into getters, too slow in pixel loops.
const OPAQUE = 0xff000000;

/** Payload of a `rawDelta` op: per-channel differences from the left neighbour (smooth gradients deflate well). */
export function encodeRawDelta(out: LittleEndianWriter, pixels: Uint32Array, width: number, height: number): void {
  out.ensure(width * height * 3);
  const b = out.bytes;
  let o = out.length;
  let i = 0;
  for (let row = 0; row < height; row++) {
    let left = 0;
    for (let col = 0; col < width; col++) {
      const v = pixels[i++]!;
      b[o] = (v - left) & 0xff;
      b[o + 1] = ((v >>> 8) - (left >>> 8)) & 0xff;
      b[o + 2] = ((v >>> 16) - (left >>> 16)) & 0xff;
      o += 3;
      left = v;
    }
  }
  out.length = o;
}

/** Rebuilds the pixels of a `rawDelta` op into `rect`. */
export function decodeRawDelta(input: LittleEndianReader, target: PixelTarget, rect: Rect): void {
  const { width: w, height: h } = rect;
  input.need(w * h * 3, 'delta pixels');
  const b = input.bytes;
  let p = input.pos;
  const { pixels, width } = target;
  for (let row = 0; row < h; row++) {
    let o = (rect.y + row) * width + rect.x;
    const end = o + w;
    let r = 0;
    let g = 0;
    let bl = 0;
    while (o < end) {
      r = (r + b[p]!) & 0xff;
      g = (g + b[p + 1]!) & 0xff;
      bl = (bl + b[p + 2]!) & 0xff;
      pixels[o++] = OPAQUE | r | (g << 8) | (bl << 16);
      p += 3;
    }
  }
  input.pos = p;
}
