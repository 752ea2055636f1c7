import type { Framebuffer, Rect } from '../render/framebuffer';

/** What one decoded screen update changed. */
export interface ScreenDecodeResult {
  /** Rectangles of the framebuffer that changed; the renderer repaints only these. */
  rects: readonly Rect[];
}

/**
 * Turns screen update bytes into framebuffer changes. `@fernhilfe/codec`'s
 * `createDecoder({ maxWidth, maxHeight })` has this shape; the framebuffer may be replaced
 * (new object or size) by a resize.
 */
export interface ScreenDecoder {
  /**
   * @param update - one screen update message as the guest sent it
   * @returns the changed rectangles
   * @throws any error of the decoder on malformed input (the controller ends the session)
   */
  decode(update: Uint8Array): ScreenDecodeResult;
  /** The current picture. */
  readonly framebuffer: Framebuffer;
}

/** Limits a decoder is created with. */
export interface ScreenDecoderLimits {
  /** Largest screen width accepted. */
  maxWidth: number;
  /** Largest screen height accepted. */
  maxHeight: number;
  /** Largest screen area (width × height) accepted; unlimited beyond `maxWidth` × `maxHeight` when absent. */
  maxPixels?: number;
}

/** Creates a decoder; one per session, since the first update after creation is a keyframe. */
export type ScreenDecoderFactory = (limits: ScreenDecoderLimits) => ScreenDecoder;
