import type { DecoderLimits } from './types';

/** Safe decoder limits used when an option is not given (8K UHD frames). */
export const DEFAULT_DECODER_LIMITS: Readonly<Required<DecoderLimits>> = Object.freeze({
  maxWidth: 7680,
  maxHeight: 4320,
  maxOps: 262_144,
  maxDecompressedBytes: 128 * 1024 * 1024,
  maxOverdraw: 4,
});

/** Largest width or height the wire format can carry (u16). */
export const MAX_DIMENSION = 0xffff;

/** Largest frame area the encoder accepts (it keeps one 4-byte copy of the last frame). */
export const MAX_ENCODER_PIXELS = 8192 * 8192;
