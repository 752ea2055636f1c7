import { CodecError, CodecErrorCode } from './errors';
import { OP_RECT_LENGTH } from './format';
import type { UpdateHeader } from './header';
import { DEFAULT_DECODER_LIMITS } from './limits';
import type { DecoderLimits } from './types';

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

/**
 * Checks an update's header against the decoder's limits, before its body is inflated.
 *
 * @param header - the parsed header
 * @param limits - the decoder's effective limits
 * @throws {@link CodecError} `CODEC_LIMIT_EXCEEDED` for a frame, op count or body over a limit
 */
export function checkLimits(header: UpdateHeader, limits: Required<DecoderLimits>): void {
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

/**
 * Merges the caller's limits over the defaults.
 *
 * @param limits - the limits given to `createDecoder`
 * @returns every limit, frozen
 * @throws {@link CodecError} `CODEC_INVALID_ARGUMENT` for a limit that is not a positive number
 */
export function effectiveLimits(limits: DecoderLimits): Required<DecoderLimits> {
  const merged = { ...DEFAULT_DECODER_LIMITS, ...limits };
  for (const [name, value] of Object.entries(merged)) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new CodecError(CodecErrorCode.INVALID_ARGUMENT, `decoder limit ${name} must be a positive number`);
    }
  }
  return Object.freeze(merged);
}
