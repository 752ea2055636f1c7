import type { LittleEndianReader } from '../byte-reader';
import type { LittleEndianWriter } from '../byte-writer';
import type { PixelTarget } from '../pixels';
import type { Rect } from '../types';

// Local copy: transpiled test and bench runs turn imported constants into getters, too slow in pixel loops.
const OPAQUE = 0xff000000;

/** Payload of a `solid` op: one colour. */
export function encodeSolid(out: LittleEndianWriter, colour: number): void {
  out.rgb(colour);
}

/** Fills `rect` with the colour the `solid` op carries. */
export function decodeSolid(input: LittleEndianReader, target: PixelTarget, rect: Rect): void {
  input.need(3, 'solid colour');
  const b = input.bytes;
  const p = input.pos;
  const word = (OPAQUE | b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16)) >>> 0;
  input.pos += 3;
  const { pixels, width } = target;
  for (let row = 0; row < rect.height; row++) {
    const start = (rect.y + row) * width + rect.x;
    pixels.fill(word, start, start + rect.width);
  }
}
