import type { Rect } from '@fernhilfe/codec';

/** A plane of a copied video frame: where its rows start, and how it is sub-sampled. */
interface Plane {
  offset: number;
  stride: number;
  /** Bytes per row that carry pixels. */
  rowBytes: number;
  rows: number;
  /** Screen pixels per plane sample, in each direction (1 for Y, 2 for I420's U and V). */
  scale: number;
}

/**
 * Finds what changed between consecutive video frames of a screen capture by comparing their
 * raw planes, before any colour conversion: Chrome delivers frames of a still screen many times
 * a second, and turning each into RGBA costs far more than this comparison.
 */
export class VideoFrameChanges {
  #previous = new Uint8Array(0);
  #current = new Uint8Array(0);
  #key = '';

  /**
   * Copies the frame's planes and compares them with the previous frame's.
   *
   * @param frame - the newest frame (not closed here)
   * @returns the changed part of the screen (even-aligned, as I420 needs), the whole screen for
   *   the first frame, after a size or format change and for formats other than I420, or
   *   `undefined` when nothing changed
   */
  async changed(frame: VideoFrame): Promise<Rect | undefined> {
    const width = frame.visibleRect?.width ?? frame.displayWidth;
    const height = frame.visibleRect?.height ?? frame.displayHeight;
    const size = frame.allocationSize();
    if (this.#current.length !== size) this.#current = new Uint8Array(size);
    const layout = await frame.copyTo(this.#current);
    const key = `${frame.format} ${width}x${height} ${size}`;
    const known = key === this.#key;
    this.#key = key;
    [this.#previous, this.#current] = [this.#current, this.#previous];
    const whole = { x: 0, y: 0, width, height };
    if (!known) return whole;
    if (frame.format !== 'I420' || layout.length !== 3)
      return sameBytes(this.#previous, this.#current) ? undefined : whole;
    const planes: Plane[] = layout.map((plane, index) => ({
      offset: plane.offset,
      stride: plane.stride,
      rowBytes: index === 0 ? width : Math.ceil(width / 2),
      rows: index === 0 ? height : Math.ceil(height / 2),
      scale: index === 0 ? 1 : 2,
    }));
    return changedRect(this.#previous, this.#current, planes, width, height);
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The bounding box of all differing samples of all planes, in screen pixels, even-aligned. */
function changedRect(a: Uint8Array, b: Uint8Array, planes: readonly Plane[], width: number, height: number) {
  let x0 = width;
  let y0 = height;
  let x1 = 0;
  let y1 = 0;
  for (const plane of planes) {
    for (let row = 0; row < plane.rows; row++) {
      const start = plane.offset + row * plane.stride;
      const span = differingSpan(a, b, start, start + plane.rowBytes);
      if (span === undefined) continue;
      x0 = Math.min(x0, span[0] * plane.scale);
      x1 = Math.max(x1, span[1] * plane.scale);
      y0 = Math.min(y0, row * plane.scale);
      y1 = Math.max(y1, (row + 1) * plane.scale);
    }
  }
  if (x1 <= x0) return undefined;
  // Chroma is interpolated between samples when converted, so a changed sample also tints the
  // pixels next to its own 2×2: widen by a sample each way, then align to even for copyTo.
  x0 = Math.max(0, x0 - 2) & ~1;
  y0 = Math.max(0, y0 - 2) & ~1;
  x1 = Math.min(width, x1 + 2 + (x1 & 1));
  y1 = Math.min(height, y1 + 2 + (y1 & 1));
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** First and one-past-last differing byte of a row, relative to its start; words first where aligned. */
function differingSpan(a: Uint8Array, b: Uint8Array, start: number, end: number): [number, number] | undefined {
  let first = start;
  const alignedStart = (start + 3) & ~3;
  while (first < end && first < alignedStart && a[first] === b[first]) first++;
  if (first === alignedStart && (a.byteOffset & 3) === 0 && (b.byteOffset & 3) === 0) {
    const wa = new Uint32Array(a.buffer, a.byteOffset + alignedStart, (end - alignedStart) >> 2);
    const wb = new Uint32Array(b.buffer, b.byteOffset + alignedStart, wa.length);
    let k = 0;
    while (k < wa.length && wa[k] === wb[k]) k++;
    first = alignedStart + k * 4;
  }
  while (first < end && a[first] === b[first]) first++;
  if (first === end) return undefined;
  let last = end - 1;
  while (last > first && a[last] === b[last]) last--;
  return [first - start, last + 1 - start];
}
