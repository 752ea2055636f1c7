import { CodecError, CodecErrorCode } from './errors';
import { MAX_DIMENSION, MAX_ENCODER_PIXELS } from './limits';
import type { EncodeHints, Frame, Rect } from './types';

/** A frame seen as little-endian words, one per pixel. */
export interface FrameWords {
  words: Uint32Array;
  /** Words from one row to the next. */
  stride: number;
  /** Whether words are `0xXXBBGGRR` (rgbx/rgba) rather than `0xXXRRGGBB` (bgrx). */
  rgbOrder: boolean;
}

const FORMATS = new Set(['bgrx', 'rgbx', 'rgba']);

/**
 * Checks a frame against the encoder's size and returns a word view of it (copied only when the
 * bytes are not 4-byte aligned).
 * @throws CodecError `CODEC_INVALID_ARGUMENT` for a wrong size, format, stride or short data
 */
export function frameWords(frame: Frame, width: number, height: number): FrameWords {
  if (frame === null || typeof frame !== 'object') {
    throw new CodecError(CodecErrorCode.INVALID_ARGUMENT, 'frame must be an object');
  }
  if (frame.width !== width || frame.height !== height) {
    throw new CodecError(
      CodecErrorCode.INVALID_ARGUMENT,
      `frame is ${frame.width}×${frame.height}, the encoder expects ${width}×${height} (call resize first)`,
    );
  }
  if (!FORMATS.has(frame.format)) {
    throw new CodecError(CodecErrorCode.INVALID_ARGUMENT, `unknown pixel format ${String(frame.format)}`);
  }
  const data = frame.data;
  if (!(data instanceof Uint8Array))
    throw new CodecError(CodecErrorCode.INVALID_ARGUMENT, 'frame.data must be a Uint8Array');
  const stride = frame.stride ?? width * 4;
  if (!Number.isInteger(stride) || stride < width * 4) {
    throw new CodecError(CodecErrorCode.INVALID_ARGUMENT, `stride ${stride} is shorter than a row`);
  }
  const needed = stride * (height - 1) + width * 4;
  if (data.length < needed) {
    throw new CodecError(CodecErrorCode.INVALID_ARGUMENT, `frame.data has ${data.length} bytes, needs ${needed}`);
  }
  const rgbOrder = frame.format !== 'bgrx';
  if (data.byteOffset % 4 === 0 && stride % 4 === 0) {
    const words = new Uint32Array(data.buffer, data.byteOffset, Math.floor(Math.min(data.length, needed + 3) / 4));
    return { words, stride: stride / 4, rgbOrder };
  }
  const copy = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) copy.set(data.subarray(y * stride, y * stride + width * 4), y * width * 4);
  return { words: new Uint32Array(copy.buffer), stride: width, rgbOrder };
}

/** Checks an encoder size: integers in 1..65535 per side, at most {@link MAX_ENCODER_PIXELS} in all. */
export function checkSize(width: number, height: number): void {
  for (const [name, value] of [
    ['width', width],
    ['height', height],
  ] as const) {
    if (!Number.isInteger(value) || value < 1 || value > MAX_DIMENSION) {
      throw new CodecError(CodecErrorCode.INVALID_ARGUMENT, `${name} must be an integer in 1..${MAX_DIMENSION}`);
    }
  }
  if (width * height > MAX_ENCODER_PIXELS) {
    throw new CodecError(CodecErrorCode.INVALID_ARGUMENT, `${width}×${height} exceeds ${MAX_ENCODER_PIXELS} pixels`);
  }
}

/** Checks damage hints: an array of rectangles with finite numbers (they are clipped later). */
export function checkDamage(hints: EncodeHints | undefined): readonly Rect[] | undefined {
  const damage = hints?.damage;
  if (damage === undefined) return undefined;
  if (!Array.isArray(damage)) throw new CodecError(CodecErrorCode.INVALID_ARGUMENT, 'hints.damage must be an array');
  for (const r of damage as readonly Rect[]) {
    if (![r?.x, r?.y, r?.width, r?.height].every((n) => typeof n === 'number' && Number.isFinite(n))) {
      throw new CodecError(CodecErrorCode.INVALID_ARGUMENT, 'damage rectangles need finite x, y, width, height');
    }
  }
  return damage;
}
