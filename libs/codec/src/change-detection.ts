import type { FrameWords } from './frame-input';
import type { RowComparer } from './rows';
import type { Rect } from './types';

// Local copy: transpiled test and bench runs turn imported constants into getters, too slow in pixel loops.
const RGB = 0x00ffffff;

/** Side of a comparison block in pixels; tiles are 4×4 blocks. */
export const BLOCK = 16;

/** A frame's block grid. */
export interface BlockGrid {
  columns: number;
  rows: number;
  width: number;
  height: number;
}

/** The block grid of a `width`×`height` frame. */
export function blockGrid(width: number, height: number): BlockGrid {
  return { columns: Math.ceil(width / BLOCK), rows: Math.ceil(height / BLOCK), width, height };
}

/** Compares the blocks of one row (`y`) from block column `from` to `to` (exclusive) and marks differing ones. */
function scanRow(
  frame: FrameWords,
  previous: Uint32Array,
  grid: BlockGrid,
  y: number,
  from: number,
  to: number,
  dirtyRow: Uint8Array,
  rowOffset: number,
): void {
  const { words, stride } = frame;
  const cur = y * stride;
  const prev = y * grid.width;
  for (let bx = from; bx < to; bx++) {
    if (dirtyRow[rowOffset + bx] !== 0) continue;
    const x0 = bx * BLOCK;
    const x1 = Math.min(x0 + BLOCK, grid.width);
    for (let x = x0; x < x1; x++) {
      if (((words[cur + x]! ^ previous[prev + x]!) & RGB) !== 0) {
        dirtyRow[rowOffset + bx] = 1;
        break;
      }
    }
  }
}

/** Index of the first pixel of row `y` in `[x0, x1)` whose colour differs, or -1. */
function firstDifference(frame: FrameWords, previous: Uint32Array, width: number, y: number, x0: number, x1: number) {
  const { words, stride } = frame;
  const cur = y * stride;
  const prev = y * width;
  for (let x = x0; x < x1; x++) {
    if (((words[cur + x]! ^ previous[prev + x]!) & RGB) !== 0) return x;
  }
  return -1;
}

/**
 * Marks every 16×16 block whose colours (X byte ignored) differ from `previous` (the last frame's
 * words in the same byte order). Row spans are first compared byte for byte by `sameRow` (memcmp
 * speed; equal bytes mean equal colours); only spans that differ are compared per block with the
 * X byte masked, from the first colour difference on. With `damage`, only blocks touching those
 * rectangles are compared. Rows whose only differences are X bytes are copied into `previous`.
 * @returns one byte per block, row-major, 1 = changed
 */
export function findChangedBlocks(
  frame: FrameWords,
  previous: Uint32Array,
  grid: BlockGrid,
  dirty: Uint8Array,
  sameRow: RowComparer,
  damage?: readonly Rect[],
): Uint8Array {
  dirty.fill(0);
  const areas = damage ?? [{ x: 0, y: 0, width: grid.width, height: grid.height }];
  for (const area of areas) {
    const x0 = Math.max(0, Math.floor(area.x));
    const y0 = Math.max(0, Math.floor(area.y));
    const x1 = Math.min(grid.width, Math.ceil(area.x + area.width));
    const y1 = Math.min(grid.height, Math.ceil(area.y + area.height));
    if (!(x1 > x0 && y1 > y0)) continue;
    const bx0 = Math.floor(x0 / BLOCK);
    const bx1 = Math.ceil(x1 / BLOCK);
    const px0 = bx0 * BLOCK;
    const px1 = Math.min(bx1 * BLOCK, grid.width);
    for (let by = Math.floor(y0 / BLOCK); by * BLOCK < y1; by++) {
      const rowOffset = by * grid.columns;
      const yEnd = Math.min((by + 1) * BLOCK, grid.height);
      for (let y = by * BLOCK; y < yEnd; y++) {
        if (sameRow(y * frame.stride + px0, y * grid.width + px0, px1 - px0)) continue;
        const first = firstDifference(frame, previous, grid.width, y, px0, px1);
        if (first < 0) {
          // Only X bytes differ: take them over so this row is byte-equal (fast) next time.
          previous.set(frame.words.subarray(y * frame.stride + px0, y * frame.stride + px1), y * grid.width + px0);
          continue;
        }
        scanRow(frame, previous, grid, y, Math.floor(first / BLOCK), bx1, dirty, rowOffset);
      }
    }
  }
  return dirty;
}
