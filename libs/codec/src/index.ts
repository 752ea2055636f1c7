/**
 * @packageDocumentation
 * `@fernhilfe/codec`: a lossless tile-diff screen codec. {@link createEncoder} turns captured
 * frames (BGRX from X11, RGBA from a canvas) into compact, self-contained update messages —
 * copy ops for scrolled or moved content, solid / palette / run-length / raw tiles for the rest,
 * one deflate stream per update — and {@link createDecoder} applies them to an RGBA framebuffer,
 * reporting the changed rectangles.
 *
 * @example
 * ```ts
 * import { createDecoder, createEncoder } from '@fernhilfe/codec';
 *
 * const encoder = createEncoder({ width: 1920, height: 1080 });
 * const decoder = createDecoder({ maxWidth: 3840, maxHeight: 2160 });
 * const update = encoder.encode({ width: 1920, height: 1080, data: shmBytes, format: 'bgrx' });
 * const { rects } = decoder.decode(update);
 * const { width, height, data } = decoder.framebuffer;
 * for (const r of rects) ctx.putImageData(new ImageData(data, width, height), 0, 0, r.x, r.y, r.width, r.height);
 * ```
 */
export { createDecoder } from './decoder';
export { createEncoder } from './encoder';
export { CodecError, CodecErrorCode } from './errors';
export { FORMAT_VERSION, HEADER_FIELDS, HEADER_FLAGS, OP_RECT_FIELDS, OPS } from './format';
export { DEFAULT_DECODER_LIMITS } from './limits';
export type {
  DecodeResult,
  Decoder,
  DecoderLimits,
  EncodeHints,
  Encoder,
  EncoderOptions,
  Frame,
  Framebuffer,
  PixelFormat,
  Rect,
} from './types';
