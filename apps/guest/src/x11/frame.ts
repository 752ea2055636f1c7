/** A rectangle in screen pixels. */
export interface Rect {
  /** Left column. */
  x: number;
  /** Top row. */
  y: number;
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
}

/**
 * One captured screen image in the codec's input format: 4 bytes per pixel in the order
 * blue, green, red, unused (the fourth byte may hold anything).
 */
export interface ScreenFrame {
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
  /** Bytes from the start of one row to the next (`width * 4` on every server seen so far). */
  stride: number;
  /** Byte order of a pixel. */
  format: 'bgrx';
  /**
   * Pixel bytes, `stride * height` long. With the MIT-SHM backend this is a view of a reused
   * buffer: it stays valid until the next capture on the same capturer. Copy it to keep it.
   */
  data: Uint8Array;
}

/** Which X request path produced the frames. */
export type CaptureBackendName = 'shm' | 'getimage';

/** A way to read the whole screen. */
export interface CaptureBackend {
  /** Which path this is. */
  readonly name: CaptureBackendName;
  /**
   * Reads the whole screen once.
   *
   * @param onReply - runs synchronously as soon as the server's reply is parsed, before any
   *   event that followed it on the socket is dispatched
   */
  capture(onReply?: () => void): Promise<ScreenFrame>;
  /** Releases server-side resources (shared memory segment). */
  close(): Promise<void>;
}
