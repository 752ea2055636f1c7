import type { LittleEndianReader } from './byte-reader';
import { applyCopies, applyReference, type CopyOp } from './encodings/copy';
import { decodePalette } from './encodings/palette';
import { decodePaletteRle } from './encodings/palette-rle';
import { decodeRaw } from './encodings/raw';
import { decodeRawDelta } from './encodings/raw-delta';
import { decodeSolid } from './encodings/solid';
import { CodecError, CodecErrorCode } from './errors';
import { OP_CODE, OP_RECT_LENGTH } from './format';
import type { UpdateHeader } from './header';
import type { PixelTarget } from './pixels';
import type { Rect } from './types';

/** The pictures the ops of an update read and write. */
export interface OpCanvas {
  /** The framebuffer's pixels, written by every op. */
  readonly target: PixelTarget;
  /** The picture as the last keyframe left it, source of `reference` ops. */
  readonly reference: Uint32Array;
  /** Scratch space of `copy` ops, kept between updates (it grows as needed). */
  copyScratch: Uint32Array;
}

type PixelOpDecoder = (input: LittleEndianReader, target: PixelTarget, rect: Rect) => void;

/** The ops whose payload is pixels, by op code. */
const PIXEL_OP_DECODERS: ReadonlyMap<number, PixelOpDecoder> = new Map<number, PixelOpDecoder>([
  [OP_CODE.solid, decodeSolid],
  [OP_CODE.raw, decodeRaw],
  [OP_CODE.palette, decodePalette],
  [OP_CODE.paletteRle, decodePaletteRle],
  [OP_CODE.rawDelta, decodeRawDelta],
]);

function readRect(input: LittleEndianReader, width: number, height: number): Rect {
  input.need(OP_RECT_LENGTH - 1, 'op rectangle');
  const x = input.u16('x');
  const y = input.u16('y');
  const w = input.u16('w');
  const h = input.u16('h');
  if (w === 0 || h === 0) throw new CodecError(CodecErrorCode.BAD_OP, 'empty op rectangle');
  if (x + w > width || y + h > height) {
    throw new CodecError(CodecErrorCode.OUT_OF_BOUNDS, `op rectangle ${x},${y} ${w}×${h} outside the frame`);
  }
  return { x, y, width: w, height: h };
}

function readSource(input: LittleEndianReader, rect: Rect, width: number, height: number): CopyOp {
  const srcX = input.u16('source x');
  const srcY = input.u16('source y');
  if (srcX + rect.width > width || srcY + rect.height > height) {
    throw new CodecError(CodecErrorCode.OUT_OF_BOUNDS, 'copy source outside the frame');
  }
  return { ...rect, srcX, srcY };
}

function applyOp(type: number, input: LittleEndianReader, header: UpdateHeader, canvas: OpCanvas, rect: Rect): void {
  const decode = PIXEL_OP_DECODERS.get(type);
  if (decode !== undefined) {
    decode(input, canvas.target, rect);
    return;
  }
  if (type === OP_CODE.reference) {
    if (header.keyframe) throw new CodecError(CodecErrorCode.BAD_OP, 'reference op in a keyframe');
    applyReference(canvas.target, canvas.reference, readSource(input, rect, header.width, header.height));
    return;
  }
  if (type === OP_CODE.copy) throw new CodecError(CodecErrorCode.BAD_OP, 'copy op after the copy section');
  throw new CodecError(CodecErrorCode.BAD_OP, `unknown op type ${type}`);
}

/**
 * Reads the ops of an update body and applies them: first the copy section, then the pixel and
 * reference ops. Every rectangle is checked against the frame, and all ops together may write at
 * most `maxOverdraw` frames' worth of pixels.
 *
 * @param input - the inflated body
 * @param header - the update's header
 * @param canvas - the pictures to read and write
 * @param maxOverdraw - the decoder's `maxOverdraw` limit
 * @returns the rectangles the ops wrote, in order
 * @throws {@link CodecError} `CODEC_BAD_OP`, `CODEC_OUT_OF_BOUNDS`, `CODEC_LIMIT_EXCEEDED`,
 *   `CODEC_TRUNCATED` or an encoding's code for a body that does not decode
 */
export function applyOps(
  input: LittleEndianReader,
  header: UpdateHeader,
  canvas: OpCanvas,
  maxOverdraw: number,
): Rect[] {
  const { width, height, opCount, copyCount } = header;
  const budget = maxOverdraw * width * height;
  let written = 0;
  const spend = (rect: Rect) => {
    written += rect.width * rect.height;
    if (written > budget) throw new CodecError(CodecErrorCode.LIMIT_EXCEEDED, 'update writes too many pixels');
  };
  const rects: Rect[] = [];
  const copies: CopyOp[] = [];
  for (let i = 0; i < copyCount; i++) {
    const type = input.u8('op type');
    if (type !== OP_CODE.copy) throw new CodecError(CodecErrorCode.BAD_OP, 'copy ops must come first');
    const op = readSource(input, readRect(input, width, height), width, height);
    spend(op);
    copies.push(op);
    rects.push(op);
  }
  canvas.copyScratch = applyCopies(canvas.target, copies, canvas.copyScratch);
  for (let i = copyCount; i < opCount; i++) {
    const type = input.u8('op type');
    const rect = readRect(input, width, height);
    spend(rect);
    applyOp(type, input, header, canvas, rect);
    rects.push(rect);
  }
  if (input.remaining !== 0) throw new CodecError(CodecErrorCode.BAD_OP, 'bytes after the last op');
  return rects;
}
