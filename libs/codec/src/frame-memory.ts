import { BLOCK, type BlockGrid, blockGrid } from './change-detection';
import type { FrameWords } from './frame-input';

// Local copy: transpiled test and bench runs turn imported functions into getters, too slow in pixel loops.
const swap = (v: number) => ((v & 0xff) << 16) | (v & 0xff00) | ((v >>> 16) & 0xff);

/**
 * What the encoder remembers between frames, mirrored by the decoder: the last frame sent
 * (`previous`) and the picture the last keyframe left (`reference`), both in the byte order of
 * the frames coming in (4 bytes per pixel each).
 */
export class FrameMemory {
  #grid: BlockGrid = blockGrid(1, 1);
  #previous = new Uint32Array(0);
  #reference = new Uint32Array(0);
  #rgbOrder = false;

  /** Forgets everything and takes a new frame size. */
  resize(width: number, height: number): void {
    this.#grid = blockGrid(width, height);
    this.#previous = new Uint32Array(width * height);
    this.#reference = new Uint32Array(width * height);
  }

  /** The block grid of the frame size. */
  get grid(): BlockGrid {
    return this.#grid;
  }

  /** The last frame as sent. */
  get previous(): Uint32Array {
    return this.#previous;
  }

  /** The frame as the last keyframe left it. */
  get reference(): Uint32Array {
    return this.#reference;
  }

  /** Turns what is kept into the byte order of `frame`, so rows compare word by word. */
  matchOrder(frame: FrameWords): void {
    if (frame.rgbOrder === this.#rgbOrder) return;
    const previous = this.#previous;
    const reference = this.#reference;
    for (let i = 0; i < previous.length; i++) previous[i] = swap(previous[i]!);
    for (let i = 0; i < reference.length; i++) reference[i] = swap(reference[i]!);
    this.#rgbOrder = frame.rgbOrder;
  }

  /** Keeps a keyframe whole, as both the previous frame and the reference picture. */
  rememberKeyframe(frame: FrameWords): void {
    this.#rgbOrder = frame.rgbOrder;
    this.#remember(frame, 0, 0, this.#grid.width, this.#grid.height);
    this.#reference.set(this.#previous);
  }

  /** Copies the changed blocks into `previous`, one span per block row (first to last changed block). */
  rememberChanged(frame: FrameWords, changed: readonly number[]): void {
    const { columns, width, height } = this.#grid;
    let i = 0;
    while (i < changed.length) {
      const by = Math.floor(changed[i]! / columns);
      const first = changed[i]! - by * columns;
      let last = first;
      while (i < changed.length && changed[i]! < (by + 1) * columns) last = changed[i++]! - by * columns;
      const x = first * BLOCK;
      const y = by * BLOCK;
      this.#remember(frame, x, y, Math.min((last + 1) * BLOCK, width) - x, Math.min(BLOCK, height - y));
    }
  }

  #remember(frame: FrameWords, x0: number, y0: number, w: number, h: number): void {
    const { words, stride, rgbOrder } = frame;
    const previous = this.#previous;
    const width = this.#grid.width;
    for (let row = y0; row < y0 + h; row++) {
      let o = row * width + x0;
      const start = row * stride + x0;
      const end = start + w;
      if (rgbOrder === this.#rgbOrder) {
        previous.set(words.subarray(start, end), o);
      } else {
        for (let i = start; i < end; i++) previous[o++] = swap(words[i]!);
      }
    }
  }
}
