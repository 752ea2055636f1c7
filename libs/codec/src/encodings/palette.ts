import type { LittleEndianReader } from '../byte-reader';
import type { LittleEndianWriter } from '../byte-writer';
import { CodecError, CodecErrorCode } from '../errors';
import { MAX_PACKED_PALETTE } from '../format';
import type { PixelTarget } from '../pixels';
import type { Rect } from '../types';

// Local copy: transpiled test and bench runs turn imported constants into getters, too slow in pixel loops.
const OPAQUE = 0xff000000;

/** Bits per index for a packed palette of `colours` entries (2..16). */
export function packedBits(colours: number): number {
  return colours <= 2 ? 1 : colours <= 4 ? 2 : 4;
}

/** Payload size of a `palette` op (for choosing an encoding). */
export function packedSize(colours: number, width: number, height: number): number {
  return 1 + 3 * colours + height * Math.ceil((width * packedBits(colours)) / 8);
}

/** Payload of a `palette` op: the palette, then each row's indices packed MSB first. */
export function encodePalette(
  out: LittleEndianWriter,
  palette: Uint32Array,
  colours: number,
  indices: Uint8Array,
  width: number,
  height: number,
): void {
  out.u8(colours);
  for (let i = 0; i < colours; i++) out.rgb(palette[i]!);
  const bits = packedBits(colours);
  const perByte = 8 / bits;
  const rowBytes = Math.ceil(width / perByte);
  out.ensure(rowBytes * height);
  const b = out.bytes;
  let o = out.length;
  let i = 0;
  for (let row = 0; row < height; row++) {
    let col = 0;
    while (col < width) {
      let byte = 0;
      let shift = 8 - bits;
      for (let k = 0; k < perByte && col < width; k++, col++) {
        byte |= indices[i++]! << shift;
        shift -= bits;
      }
      b[o++] = byte;
    }
  }
  out.length = o;
}

/** Reads a palette (`colours` entries) as opaque RGBA words. */
export function readPalette(input: LittleEndianReader, colours: number, into: Uint32Array): void {
  input.need(colours * 3, 'palette');
  const b = input.bytes;
  let p = input.pos;
  for (let i = 0; i < colours; i++) {
    into[i] = (OPAQUE | b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16)) >>> 0;
    p += 3;
  }
  input.pos = p;
}

const paletteScratch = new Uint32Array(16);

/** Writes a `palette` op into `rect`; an index beyond the palette is `CODEC_BAD_OP`. */
export function decodePalette(input: LittleEndianReader, target: PixelTarget, rect: Rect): void {
  const colours = input.u8('palette size');
  if (colours < 2 || colours > MAX_PACKED_PALETTE) {
    throw new CodecError(CodecErrorCode.BAD_OP, `packed palette of ${colours} colours`);
  }
  readPalette(input, colours, paletteScratch);
  const bits = packedBits(colours);
  const mask = (1 << bits) - 1;
  const { width: w, height: h } = rect;
  const rowBytes = Math.ceil((w * bits) / 8);
  input.need(rowBytes * h, 'palette indices');
  const b = input.bytes;
  const { pixels, width } = target;
  let p = input.pos;
  for (let row = 0; row < h; row++) {
    let o = (rect.y + row) * width + rect.x;
    const end = o + w;
    let shift = -1;
    let byte = 0;
    while (o < end) {
      if (shift < 0) {
        byte = b[p++]!;
        shift = 8 - bits;
      }
      const index = (byte >>> shift) & mask;
      if (index >= colours) throw new CodecError(CodecErrorCode.BAD_OP, 'palette index out of range');
      pixels[o++] = paletteScratch[index]!;
      shift -= bits;
    }
    p = input.pos + (row + 1) * rowBytes;
  }
  input.pos = p;
}
