import type { Rect } from '@fernhilfe/desktop';

/**
 * Changed rectangles collected between two captures, clipped to the screen. Past
 * `maxRects` they collapse into their bounding box, so memory stays bounded however busy
 * the screen is.
 */
export class DamageRegion {
  #rects: Rect[] = [];

  readonly #screenWidth: number;
  readonly #screenHeight: number;
  readonly #maxRects: number;

  /**
   * @param screenWidth - screen width in pixels
   * @param screenHeight - screen height in pixels
   * @param maxRects - most rectangles kept before collapsing into one bounding box
   */
  constructor(screenWidth: number, screenHeight: number, maxRects: number) {
    this.#screenWidth = screenWidth;
    this.#screenHeight = screenHeight;
    this.#maxRects = maxRects;
  }

  /** Number of rectangles held. */
  get size(): number {
    return this.#rects.length;
  }

  /**
   * Adds one changed rectangle; parts outside the screen are dropped.
   *
   * @param rect - the rectangle in screen coordinates
   */
  add(rect: Rect): void {
    const x0 = Math.max(0, rect.x);
    const y0 = Math.max(0, rect.y);
    const x1 = Math.min(this.#screenWidth, rect.x + rect.width);
    const y1 = Math.min(this.#screenHeight, rect.y + rect.height);
    if (x1 <= x0 || y1 <= y0) return;
    const clipped = { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
    if (this.#rects.some((held) => contains(held, clipped))) return;
    this.#rects.push(clipped);
    if (this.#rects.length > this.#maxRects) this.#rects = [boundingBox(this.#rects)];
  }

  /**
   * Hands out the rectangles collected so far and starts empty.
   *
   * @returns the rectangles, possibly overlapping
   */
  take(): Rect[] {
    const out = this.#rects;
    this.#rects = [];
    return out;
  }
}

function contains(outer: Rect, inner: Rect): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height
  );
}

function boundingBox(rects: readonly Rect[]): Rect {
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = 0;
  let y1 = 0;
  for (const r of rects) {
    x0 = Math.min(x0, r.x);
    y0 = Math.min(y0, r.y);
    x1 = Math.max(x1, r.x + r.width);
    y1 = Math.max(y1, r.y + r.height);
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}
