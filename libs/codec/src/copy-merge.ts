import type { BlockGrid } from './change-detection';

/** Copied blocks merged into a rectangle, in block units, all with the same source kind `motion` (0..127). */
export interface CopyRect {
  bx0: number;
  bx1: number;
  by0: number;
  by1: number;
  motion: number;
}

/**
 * Merges copied blocks (`motionOf[block]` ≥ 0, `changed` in raster order) into rectangles: runs
 * along block rows, then equal runs down the columns.
 */
export function mergeCopies(grid: BlockGrid, changed: readonly number[], motionOf: Int8Array): CopyRect[] {
  const rects: CopyRect[] = [];
  const open = new Map<number, CopyRect>();
  let i = 0;
  while (i < changed.length) {
    const block = changed[i]!;
    const motion = motionOf[block]!;
    if (motion < 0) {
      i++;
      continue;
    }
    const by = Math.floor(block / grid.columns);
    const bx0 = block - by * grid.columns;
    let bx1 = bx0 + 1;
    let j = i + 1;
    while (
      j < changed.length &&
      changed[j] === block + (bx1 - bx0) &&
      bx1 < grid.columns &&
      motionOf[changed[j]!] === motion
    ) {
      bx1++;
      j++;
    }
    const key = (bx0 * 0x10000 + bx1) * 128 + motion;
    const above = open.get(key);
    if (above && above.by1 === by) {
      above.by1 = by + 1;
    } else {
      const rect = { bx0, bx1, by0: by, by1: by + 1, motion };
      rects.push(rect);
      open.set(key, rect);
    }
    i = j;
  }
  return rects;
}
