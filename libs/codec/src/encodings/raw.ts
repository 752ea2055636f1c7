import type { LittleEndianReader } from '../byte-reader';
import type { LittleEndianWriter } from '../byte-writer';
import type { PixelTarget } from '../pixels';
import type { Rect } from '../types';

// Local copy: transpiled test and bench runs turn imported constants into getters, too slow in pixel loops.
const OPAQUE = 0xff000000;

/** Payload of a `raw` op: R, G, B of every pixel. */
export function encodeRaw(out: LittleEndianWriter, pixels: Uint32Array, count: number): void {
  out.ensure(count * 3);
  const b = out.bytes;
  let o = out.length;
  for (let i = 0; i < count; i++) {
    const v = pixels[i]!;
    b[o] = v & 0xff;
    b[o + 1] = (v >>> 8) & 0xff;
    b[o + 2] = (v >>> 16) & 0xff;
    o += 3;
  }
  out.length = o;
}

/** Writes the literal pixels of a `raw` op into `rect`. */
export function decodeRaw(input: LittleEndianReader, target: PixelTarget, rect: Rect): void {
  const { width: w, height: h } = rect;
  input.need(w * h * 3, 'raw pixels');
  const b = input.bytes;
  let p = input.pos;
  const { pixels, width } = target;
  for (let row = 0; row < h; row++) {
    let o = (rect.y + row) * width + rect.x;
    const end = o + w;
    while (o < end) {
      pixels[o++] = OPAQUE | b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16);
      p += 3;
    }
  }
  input.pos = p;
}
