import { deflateBackend } from '#deflate';
import { LittleEndianReader } from './byte-reader';
import { applyCopies, applyReference, type CopyOp } from './encodings/copy';
import { decodePalette } from './encodings/palette';
import { decodePaletteRle } from './encodings/palette-rle';
import { decodeRaw } from './encodings/raw';
import { decodeRawDelta } from './encodings/raw-delta';
import { decodeSolid } from './encodings/solid';
import { CodecError, CodecErrorCode } from './errors';
import { HEADER_LENGTH, OP_CODE, OP_RECT_LENGTH } from './format';
import { readHeader, type UpdateHeader } from './header';
import { DEFAULT_DECODER_LIMITS } from './limits';
import type { PixelTarget } from './pixels';
import type { DecodeResult, Decoder, DecoderLimits, Framebuffer, Rect } from './types';

/**
 * Largest body an update of this geometry may declare, checked before the inflate buffer is
 * allocated. The encoder writes each pixel op only when it is no larger than raw (3 bytes per
 * pixel, `writePixelOp`), ops cover disjoint tiles, and copy / reference ops carry 4 bytes after
 * their prefix; 1/64 byte per pixel covers the run-length varints its size estimate leaves out.
 */
function bodyBound(width: number, height: number, opCount: number): number {
  const pixels = width * height;
  return 3 * pixels + Math.ceil(pixels / 64) + opCount * (OP_RECT_LENGTH + 7);
}

function checkLimits(header: UpdateHeader, limits: Required<DecoderLimits>): void {
  const { width, height, opCount, bodyLength } = header;
  if (width > limits.maxWidth || height > limits.maxHeight || width * height > limits.maxPixels) {
    throw new CodecError(CodecErrorCode.LIMIT_EXCEEDED, `frame ${width}×${height} exceeds the size limit`);
  }
  if (opCount > limits.maxOps) throw new CodecError(CodecErrorCode.LIMIT_EXCEEDED, `${opCount} ops exceed maxOps`);
  // Every op writes at least one pixel, and all ops together at most maxOverdraw frames.
  if (opCount > limits.maxOverdraw * width * height) {
    throw new CodecError(CodecErrorCode.LIMIT_EXCEEDED, `${opCount} ops for ${width}×${height} pixels`);
  }
  if (bodyLength > limits.maxDecompressedBytes || bodyLength > bodyBound(width, height, opCount)) {
    throw new CodecError(CodecErrorCode.LIMIT_EXCEEDED, `body of ${bodyLength} bytes exceeds the limit`);
  }
}

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

function readCopy(input: LittleEndianReader, width: number, height: number): CopyOp {
  return readSource(input, readRect(input, width, height), width, height);
}

function validateLimits(limits: DecoderLimits): Required<DecoderLimits> {
  const merged = { ...DEFAULT_DECODER_LIMITS, ...limits };
  for (const [name, value] of Object.entries(merged)) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new CodecError(CodecErrorCode.INVALID_ARGUMENT, `decoder limit ${name} must be a positive number`);
    }
  }
  return Object.freeze(merged);
}

/**
 * Creates a decoder that applies update messages to an RGBA framebuffer.
 *
 * Every length, count and coordinate is checked against the frame and `limits` before anything
 * is allocated or written. After a failed update the picture is unspecified and only a keyframe
 * is accepted.
 *
 * @param limits - limits, each with a safe default (see {@link DecoderLimits})
 * @returns a decoder with an empty framebuffer (size 0×0 until the first keyframe)
 * @throws {@link CodecError} `CODEC_INVALID_ARGUMENT` for a limit that is not a positive number
 */
export function createDecoder(limits: DecoderLimits = {}): Decoder {
  const effective = validateLimits(limits);
  let framebuffer: Framebuffer = { width: 0, height: 0, data: new Uint8ClampedArray(0) };
  let target: PixelTarget = { pixels: new Uint32Array(0), width: 0 };
  let needsKeyframe = true;
  let copyScratch: Uint32Array = new Uint32Array(0);
  // The picture as the last keyframe left it, source of `reference` ops.
  let reference = new Uint32Array(0);

  function prepare(header: UpdateHeader): void {
    const { width, height } = header;
    if (!header.keyframe) {
      if (needsKeyframe) throw new CodecError(CodecErrorCode.MISSING_KEYFRAME, 'a keyframe is needed first');
      if (width !== framebuffer.width || height !== framebuffer.height) {
        throw new CodecError(CodecErrorCode.BAD_HEADER, 'delta update for a different frame size');
      }
      return;
    }
    if (width !== framebuffer.width || height !== framebuffer.height) {
      const data = new Uint8ClampedArray(width * height * 4);
      framebuffer = { width, height, data };
      target = { pixels: new Uint32Array(data.buffer, data.byteOffset, width * height), width };
      copyScratch = new Uint32Array(0);
      reference = new Uint32Array(width * height);
    }
    target.pixels.fill(0xff000000);
  }

  function readBody(update: Uint8Array, header: UpdateHeader): Uint8Array {
    const stored = update.subarray(HEADER_LENGTH);
    if (header.deflated) return deflateBackend.inflateRaw(stored, header.bodyLength);
    if (stored.length < header.bodyLength) throw new CodecError(CodecErrorCode.TRUNCATED, 'stored body is short');
    if (stored.length > header.bodyLength) throw new CodecError(CodecErrorCode.BAD_OP, 'bytes after the body');
    return stored;
  }

  function apply(header: UpdateHeader, body: Uint8Array): Rect[] {
    const { width, height, opCount, copyCount } = header;
    const input = new LittleEndianReader(body);
    const budget = effective.maxOverdraw * width * height;
    let written = 0;
    const rects: Rect[] = [];
    const copies: CopyOp[] = [];
    for (let i = 0; i < copyCount; i++) {
      const type = input.u8('op type');
      if (type !== OP_CODE.copy) throw new CodecError(CodecErrorCode.BAD_OP, 'copy ops must come first');
      const op = readCopy(input, width, height);
      written += op.width * op.height;
      if (written > budget) throw new CodecError(CodecErrorCode.LIMIT_EXCEEDED, 'update writes too many pixels');
      copies.push(op);
      rects.push(op);
    }
    copyScratch = applyCopies(target, copies, copyScratch);
    for (let i = copyCount; i < opCount; i++) {
      const type = input.u8('op type');
      const rect = readRect(input, width, height);
      written += rect.width * rect.height;
      if (written > budget) throw new CodecError(CodecErrorCode.LIMIT_EXCEEDED, 'update writes too many pixels');
      switch (type) {
        case OP_CODE.solid:
          decodeSolid(input, target, rect);
          break;
        case OP_CODE.raw:
          decodeRaw(input, target, rect);
          break;
        case OP_CODE.palette:
          decodePalette(input, target, rect);
          break;
        case OP_CODE.paletteRle:
          decodePaletteRle(input, target, rect);
          break;
        case OP_CODE.rawDelta:
          decodeRawDelta(input, target, rect);
          break;
        case OP_CODE.reference:
          if (header.keyframe) throw new CodecError(CodecErrorCode.BAD_OP, 'reference op in a keyframe');
          applyReference(target, reference, readSource(input, rect, width, height));
          break;
        case OP_CODE.copy:
          throw new CodecError(CodecErrorCode.BAD_OP, 'copy op after the copy section');
        default:
          throw new CodecError(CodecErrorCode.BAD_OP, `unknown op type ${type}`);
      }
      rects.push(rect);
    }
    if (input.remaining !== 0) throw new CodecError(CodecErrorCode.BAD_OP, 'bytes after the last op');
    return rects;
  }

  return {
    get framebuffer() {
      return framebuffer;
    },
    limits: effective,
    decode(update: Uint8Array): DecodeResult {
      if (!(update instanceof Uint8Array)) {
        throw new CodecError(CodecErrorCode.INVALID_ARGUMENT, 'update must be a Uint8Array');
      }
      const header = readHeader(update);
      checkLimits(header, effective);
      if (!header.keyframe && needsKeyframe) {
        throw new CodecError(CodecErrorCode.MISSING_KEYFRAME, 'a keyframe is needed first');
      }
      const body = readBody(update, header);
      try {
        prepare(header);
        const rects = apply(header, body);
        if (header.keyframe) reference.set(target.pixels);
        needsKeyframe = false;
        if (header.keyframe)
          return { keyframe: true, width: header.width, height: header.height, rects: [fullFrame(header)] };
        return { keyframe: false, width: header.width, height: header.height, rects };
      } catch (error) {
        needsKeyframe = true;
        throw error;
      }
    },
  };
}

function fullFrame(header: UpdateHeader): Rect {
  return { x: 0, y: 0, width: header.width, height: header.height };
}
