import { createDecoder } from '@fernhilfe/codec';
import type { ScreenDecoder, ScreenDecoderLimits } from './screen-decoder';

/**
 * The default {@link ScreenDecoder}: `createDecoder` of `@fernhilfe/codec` (RGBA
 * framebuffer, changed rectangles per update, every size checked against the limits).
 *
 * @param limits - largest screen accepted
 * @returns a decoder; its `decode` throws `CodecError` on malformed updates
 */
export function createCodecDecoder(limits: ScreenDecoderLimits): ScreenDecoder {
  return createDecoder({ maxWidth: limits.maxWidth, maxHeight: limits.maxHeight });
}
