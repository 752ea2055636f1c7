import { createDecoder, DEFAULT_DECODER_LIMITS } from '@fernhilfe/codec';
import type { ScreenDecoder, ScreenDecoderLimits } from './screen-decoder';

/**
 * The viewer's default screen limits, the codec's: any screen up to 8K UHD in either
 * orientation (at most 8192 per side and 7680 × 4320 pixels, a 127 MiB framebuffer).
 */
export const DEFAULT_SCREEN_DECODER_LIMITS: Readonly<Required<ScreenDecoderLimits>> = Object.freeze({
  maxWidth: DEFAULT_DECODER_LIMITS.maxWidth,
  maxHeight: DEFAULT_DECODER_LIMITS.maxHeight,
  maxPixels: DEFAULT_DECODER_LIMITS.maxPixels,
});

/**
 * The default {@link ScreenDecoder}: `createDecoder` of `@fernhilfe/codec` (RGBA
 * framebuffer, changed rectangles per update, every size checked against the limits).
 *
 * @param limits - largest screen accepted
 * @returns a decoder; its `decode` throws `CodecError` on malformed updates
 */
export function createCodecDecoder(limits: ScreenDecoderLimits): ScreenDecoder {
  const { maxWidth, maxHeight, maxPixels = maxWidth * maxHeight } = limits;
  return createDecoder({ maxWidth, maxHeight, maxPixels });
}
