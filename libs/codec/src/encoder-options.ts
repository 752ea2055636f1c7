import { CodecError, CodecErrorCode } from './errors';
import { checkSize } from './frame-input';
import type { EncoderOptions } from './types';

/** Encoder options with their defaults applied. */
export interface ResolvedEncoderOptions {
  width: number;
  height: number;
  detectMotion: boolean;
  deflateLevel: number | 'auto';
}

/**
 * Checks encoder options and applies the defaults.
 *
 * @param options - as given to `createEncoder`
 * @returns the options with defaults
 * @throws {@link CodecError} `CODEC_INVALID_ARGUMENT` for a non-object, a bad size or a bad deflate level
 */
export function resolveEncoderOptions(options: EncoderOptions): ResolvedEncoderOptions {
  if (options === null || typeof options !== 'object') {
    throw new CodecError(CodecErrorCode.INVALID_ARGUMENT, 'encoder options must be an object');
  }
  checkSize(options.width, options.height);
  const deflateLevel = options.deflateLevel ?? 'auto';
  if (deflateLevel !== 'auto' && !(Number.isInteger(deflateLevel) && deflateLevel >= 0 && deflateLevel <= 9)) {
    throw new CodecError(CodecErrorCode.INVALID_ARGUMENT, 'deflateLevel must be 0..9 or "auto"');
  }
  return { width: options.width, height: options.height, detectMotion: options.detectMotion ?? true, deflateLevel };
}
