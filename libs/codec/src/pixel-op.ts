import type { LittleEndianWriter } from './byte-writer';
import { encodePalette, packedSize } from './encodings/palette';
import { encodePaletteRle, paletteRleSize } from './encodings/palette-rle';
import { encodeRaw } from './encodings/raw';
import { encodeRawDelta } from './encodings/raw-delta';
import { encodeSolid } from './encodings/solid';
import { MAX_PACKED_PALETTE, MAX_RLE_PALETTE, OP_CODE } from './format';
import type { FrameWords } from './frame-input';
import { writeOpRect } from './op-prefix';
import type { PaletteAnalysis } from './palette-analysis';
import type { Rect } from './types';

// Local copy: transpiled test and bench runs turn imported constants into getters, too slow in pixel loops.
const RGB = 0x00ffffff;
const swap = (v: number) => ((v & 0xff) << 16) | (v & 0xff00) | ((v >>> 16) & 0xff);

/** Copies `rect` of the frame into `into` as canonical words (`0x00BBGGRR`). */
function gather(frame: FrameWords, rect: Rect, into: Uint32Array): void {
  const { words, stride, rgbOrder } = frame;
  let o = 0;
  for (let row = 0; row < rect.height; row++) {
    const start = (rect.y + row) * stride + rect.x;
    const end = start + rect.width;
    if (rgbOrder) {
      for (let i = start; i < end; i++) into[o++] = words[i]! & RGB;
    } else {
      for (let i = start; i < end; i++) into[o++] = swap(words[i]!);
    }
  }
}

/**
 * Writes one pixel op for `rect`, choosing by estimated size: `solid` for one colour, packed
 * `palette` or `paletteRle` for few colours, `rawDelta` for many.
 */
export function writePixelOp(
  out: LittleEndianWriter,
  frame: FrameWords,
  rect: Rect,
  scratch: Uint32Array,
  analysis: PaletteAnalysis,
): void {
  const count = rect.width * rect.height;
  gather(frame, rect, scratch);
  analysis.analyse(scratch, count);
  const { colours, runs, palette, indices } = analysis;
  if (colours === 1) {
    writeOpRect(out, OP_CODE.solid, rect);
    encodeSolid(out, palette[0]!);
    return;
  }
  if (colours > MAX_RLE_PALETTE) {
    writeOpRect(out, OP_CODE.rawDelta, rect);
    encodeRawDelta(out, scratch, rect.width, rect.height);
    return;
  }
  const raw = 3 * count;
  const rle = paletteRleSize(colours, runs);
  const packed =
    colours <= MAX_PACKED_PALETTE ? packedSize(colours, rect.width, rect.height) : Number.POSITIVE_INFINITY;
  if (packed <= rle && packed < raw) {
    writeOpRect(out, OP_CODE.palette, rect);
    encodePalette(out, palette, colours, indices, rect.width, rect.height);
  } else if (rle < raw) {
    writeOpRect(out, OP_CODE.paletteRle, rect);
    encodePaletteRle(out, palette, colours, indices, count);
  } else {
    writeOpRect(out, OP_CODE.raw, rect);
    encodeRaw(out, scratch, count);
  }
}
