/** A rectangle in remote framebuffer pixels. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The decoder's picture of the remote screen: RGBA bytes, row after row, no padding
 * (the shape of `@fernhilfe/codec`'s `decoder.framebuffer`, ready for `ImageData`).
 */
export interface Framebuffer {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8ClampedArray<ArrayBuffer>;
}

/** A remote cursor image with its hotspot. */
export interface CursorShape {
  width: number;
  height: number;
  /** Pixel of the image that points at the cursor position. */
  hotspotX: number;
  hotspotY: number;
  /** RGBA bytes, `width * height * 4`, not premultiplied. */
  rgba: Uint8ClampedArray<ArrayBuffer>;
}

/** A cursor message: position in remote pixels, and a new shape when it changed. */
export interface CursorUpdate {
  x: number;
  y: number;
  /** Hidden cursors (e.g. while typing in some applications) are not drawn. */
  visible: boolean;
  /** New image; absent when the shape did not change. */
  shape?: CursorShape;
}

/**
 * Clips a rectangle to `width × height`.
 *
 * @param rect - any rectangle, possibly out of range
 * @param width - framebuffer width
 * @param height - framebuffer height
 * @returns the visible part, or `undefined` when nothing of it is inside
 */
export function clipRect(rect: Rect, width: number, height: number): Rect | undefined {
  const x0 = Math.max(0, Math.floor(rect.x));
  const y0 = Math.max(0, Math.floor(rect.y));
  const x1 = Math.min(width, Math.ceil(rect.x + rect.width));
  const y1 = Math.min(height, Math.ceil(rect.y + rect.height));
  if (x1 <= x0 || y1 <= y0) return undefined;
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}
