/** Byte order of the pixels handed to the encoder. The 4th byte of `bgrx`/`rgbx` and the alpha of `rgba` are ignored. */
export type PixelFormat = 'bgrx' | 'rgbx' | 'rgba';

/** A captured frame: 4 bytes per pixel, rows `stride` bytes apart. */
export interface Frame {
  /** Width in pixels; must equal the encoder's current width. */
  width: number;
  /** Height in pixels; must equal the encoder's current height. */
  height: number;
  /** Pixel bytes, at least `stride·(height − 1) + 4·width` long. */
  data: Uint8Array;
  /** Bytes from one row to the next. @defaultValue `4 · width` */
  stride?: number;
  /** Byte order of each pixel. */
  format: PixelFormat;
}

/** An axis-aligned rectangle in pixels. */
export interface Rect {
  /** Left edge. */
  x: number;
  /** Top edge. */
  y: number;
  /** Width. */
  width: number;
  /** Height. */
  height: number;
}

/** Optional knowledge about what changed since the previous frame. */
export interface EncodeHints {
  /**
   * Rectangles that may have changed (for example from X11 DAMAGE). Only tiles touching them
   * are compared; pixels outside them are assumed unchanged. Clipped to the frame.
   */
  damage?: readonly Rect[];
}

/** Encoder settings. */
export interface EncoderOptions {
  /** Frame width in pixels (1..65535). */
  width: number;
  /** Frame height in pixels (1..65535). */
  height: number;
  /** Look for moved content (scrolling, dragged windows) and send copy ops. @defaultValue `true` */
  detectMotion?: boolean;
  /**
   * Deflate level (0–9) for the update body; `'auto'` uses level 6 for small bodies and 1 for large ones.
   * @defaultValue `'auto'`
   */
  deflateLevel?: number | 'auto';
}

/** Turns frames into self-contained update messages. Not safe for concurrent use. */
export interface Encoder {
  /** Current frame width. */
  readonly width: number;
  /** Current frame height. */
  readonly height: number;
  /**
   * Encodes what changed since the previous call (a keyframe on the first call and after {@link Encoder.resize}).
   * @param frame - the captured frame, same size as the encoder
   * @param hints - optional damage rectangles
   * @returns one update message (a few bytes when nothing changed)
   * @throws {@link CodecError} `CODEC_INVALID_ARGUMENT` for a frame of the wrong size or shape
   */
  encode(frame: Frame, hints?: EncodeHints): Uint8Array;
  /**
   * Encodes the whole frame as a keyframe (for a viewer that joined late or lost an update).
   * @param frame - the captured frame, same size as the encoder
   * @returns one keyframe update message
   * @throws {@link CodecError} `CODEC_INVALID_ARGUMENT` for a frame of the wrong size or shape
   */
  keyframe(frame: Frame): Uint8Array;
  /**
   * Changes the frame size; the next update is a keyframe.
   * @param width - new width (1..65535)
   * @param height - new height (1..65535)
   * @throws {@link CodecError} `CODEC_INVALID_ARGUMENT` for sizes out of range (or over 8192² pixels)
   */
  resize(width: number, height: number): void;
}

/** Decoder limits; every one is checked before anything is allocated or written. */
export interface DecoderLimits {
  /** Largest frame width accepted. @defaultValue 8192 */
  maxWidth?: number;
  /** Largest frame height accepted. @defaultValue 8192 */
  maxHeight?: number;
  /** Largest frame area (width × height) accepted: the framebuffer is 4 bytes per pixel. @defaultValue 33177600 (7680 × 4320) */
  maxPixels?: number;
  /** Largest op count in one update (also at most `maxOverdraw` × frame area). @defaultValue 262144 */
  maxOps?: number;
  /**
   * Largest inflated body in bytes; an update's body must also fit the bound its own geometry
   * allows (3 bytes per pixel + 1/64 + 16 bytes per op). @defaultValue 104857600 (100 MiB)
   */
  maxDecompressedBytes?: number;
  /** Pixels written by one update, as a multiple of the frame area. @defaultValue 4 */
  maxOverdraw?: number;
}

/** The decoder's picture: RGBA bytes, alpha always 255, ready for `new ImageData(data, width, height)`. */
export interface Framebuffer {
  /** Width in pixels (0 before the first keyframe). */
  readonly width: number;
  /** Height in pixels (0 before the first keyframe). */
  readonly height: number;
  /** RGBA pixels, `4 · width` bytes per row. Replaced by a new array when a keyframe changes the size. */
  readonly data: Uint8ClampedArray<ArrayBuffer>;
}

/** What one update changed. */
export interface DecodeResult {
  /** Whether the update was a keyframe (the whole framebuffer was repainted, maybe at a new size). */
  keyframe: boolean;
  /** Frame width after the update. */
  width: number;
  /** Frame height after the update. */
  height: number;
  /** Rectangles that were written (they may overlap); empty when nothing changed. */
  rects: Rect[];
}

/** Applies update messages to a framebuffer. */
export interface Decoder {
  /**
   * Applies one update message.
   * @param update - one message from {@link Encoder.encode} or {@link Encoder.keyframe}
   * @returns the changed rectangles
   * @throws {@link CodecError} with a stable code for any malformed, truncated or over-limit update;
   *   after an error only a keyframe is accepted (`CODEC_MISSING_KEYFRAME` otherwise)
   */
  decode(update: Uint8Array): DecodeResult;
  /** The current picture. */
  readonly framebuffer: Framebuffer;
  /** The limits in force, defaults filled in. */
  readonly limits: Readonly<Required<DecoderLimits>>;
}
