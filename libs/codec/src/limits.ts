import type { DecoderLimits } from './types';

/**
 * Safe decoder limits used when an option is not given: any screen up to 8K UHD (7680 × 4320 =
 * 33 177 600 pixels, a 127 MiB framebuffer), in either orientation, and no larger area. The
 * inflated body is bounded per update by its own geometry (see `bodyBound` in `decoder-limits.ts`:
 * at most ≈ 3 bytes per pixel, ≈ 95 MiB at 8K), and never more than 100 MiB.
 */
export const DEFAULT_DECODER_LIMITS: Readonly<Required<DecoderLimits>> = Object.freeze({
  maxWidth: 8192,
  maxHeight: 8192,
  maxPixels: 7680 * 4320,
  maxOps: 262_144,
  maxDecompressedBytes: 100 * 1024 * 1024,
  maxOverdraw: 4,
});

/** Largest width or height the wire format can carry (u16). */
export const MAX_DIMENSION = 0xffff;

/** Largest frame area the encoder accepts (it keeps one 4-byte copy of the last frame). */
export const MAX_ENCODER_PIXELS = 8192 * 8192;
