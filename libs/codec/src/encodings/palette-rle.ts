import type { LittleEndianReader } from '../byte-reader';
import type { LittleEndianWriter } from '../byte-writer';
import { CodecError, CodecErrorCode } from '../errors';
import { MAX_RLE_PALETTE } from '../format';
import type { PixelTarget } from '../pixels';
import type { Rect } from '../types';
import { readPalette } from './palette';

/** Rough payload size of a `paletteRle` op (for choosing an encoding). */
export function paletteRleSize(colours: number, runs: number): number {
  return 1 + 3 * colours + runs * 2;
}

/** Payload of a `paletteRle` op: the palette, then (index, length − 1) runs in raster order. */
export function encodePaletteRle(
  out: LittleEndianWriter,
  palette: Uint32Array,
  colours: number,
  indices: Uint8Array,
  count: number,
): void {
  out.u8(colours);
  for (let i = 0; i < colours; i++) out.rgb(palette[i]!);
  out.ensure(count * 4);
  const b = out.bytes;
  let o = out.length;
  let i = 0;
  while (i < count) {
    const index = indices[i]!;
    let end = i + 1;
    while (end < count && indices[end] === index) end++;
    b[o++] = index;
    let length = end - i - 1;
    while (length >= 0x80) {
      b[o++] = (length & 0x7f) | 0x80;
      length >>>= 7;
    }
    b[o++] = length;
    i = end;
  }
  out.length = o;
}

const paletteScratch = new Uint32Array(MAX_RLE_PALETTE);

/** Writes a `paletteRle` op into `rect`; runs must end exactly at the last pixel. */
export function decodePaletteRle(input: LittleEndianReader, target: PixelTarget, rect: Rect): void {
  const colours = input.u8('palette size');
  if (colours < 1) throw new CodecError(CodecErrorCode.BAD_OP, 'empty run-length palette');
  readPalette(input, colours, paletteScratch);
  const { width: w } = rect;
  const total = w * rect.height;
  const { pixels, width } = target;
  let done = 0;
  while (done < total) {
    const index = input.u8('run index');
    if (index >= colours) throw new CodecError(CodecErrorCode.BAD_OP, 'run index out of range');
    const length = input.varint('run length') + 1;
    if (length > total - done) throw new CodecError(CodecErrorCode.BAD_OP, 'run passes the end of the rectangle');
    const word = paletteScratch[index]!;
    let left = length;
    while (left > 0) {
      const row = (done / w) | 0;
      const col = done - row * w;
      const span = Math.min(left, w - col);
      const start = (rect.y + row) * width + rect.x + col;
      if (span === 1) pixels[start] = word;
      else pixels.fill(word, start, start + span);
      done += span;
      left -= span;
    }
  }
}
