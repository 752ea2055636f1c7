import { FROM_REFERENCE } from './block-sources';
import type { LittleEndianWriter } from './byte-writer';
import { BLOCK, type BlockGrid } from './change-detection';
import { type CopyRect, mergeCopies } from './copy-merge';
import { encodeCopy } from './encodings/copy';
import { OP_CODE } from './format';
import type { Motion } from './motion';
import { writeOpRect } from './op-prefix';
import type { Rect } from './types';

/** The header's `copyCount` is a u16. */
const MAX_COPIES = 0xffff;

/** What {@link writeCopyOps} wrote. */
export interface CopyOpsWritten {
  /** `copy` ops (they come first in the body). */
  copies: number;
  /** `reference` ops. */
  references: number;
  /** The motions the copies used, to try first on the next frame (at most 3). */
  used: Motion[];
}

/**
 * The pixel rectangle of a merged block rectangle, clipped to the frame.
 *
 * @param grid - the frame's block grid
 * @param c - a rectangle in block units
 * @returns the rectangle in pixels
 */
export function blockRect(grid: BlockGrid, c: CopyRect): Rect {
  const x = c.bx0 * BLOCK;
  const y = c.by0 * BLOCK;
  return { x, y, width: Math.min(c.bx1 * BLOCK, grid.width) - x, height: Math.min(c.by1 * BLOCK, grid.height) - y };
}

/**
 * Merges the blocks `motionOf` marks as copied into rectangles and writes the `copy` ops, then
 * the `reference` ops. Copies beyond the header's limit are dropped: their blocks go back to
 * -1 in `motionOf`, to be sent as pixels.
 *
 * @param body - where the ops go
 * @param grid - the frame's block grid
 * @param changed - indices of the changed blocks, in raster order
 * @param motionOf - per block: motion candidate index, {@link FROM_REFERENCE} or -1
 * @param candidates - the motions `motionOf` indexes
 * @returns the counts and the motions used
 */
export function writeCopyOps(
  body: LittleEndianWriter,
  grid: BlockGrid,
  changed: readonly number[],
  motionOf: Int8Array,
  candidates: readonly Motion[],
): CopyOpsWritten {
  const merged = mergeCopies(grid, changed, motionOf);
  const copies = merged.filter((c) => c.motion !== FROM_REFERENCE);
  const fromReference = merged.filter((c) => c.motion === FROM_REFERENCE);
  for (const dropped of copies.splice(MAX_COPIES)) {
    for (let by = dropped.by0; by < dropped.by1; by++) {
      motionOf.fill(-1, by * grid.columns + dropped.bx0, by * grid.columns + dropped.bx1);
    }
  }
  const used = new Set<number>();
  for (const c of copies) {
    const rect = blockRect(grid, c);
    const motion = candidates[c.motion]!;
    writeOpRect(body, OP_CODE.copy, rect);
    encodeCopy(body, rect.x + motion.dx, rect.y + motion.dy);
    used.add(c.motion);
  }
  for (const c of fromReference) {
    const rect = blockRect(grid, c);
    writeOpRect(body, OP_CODE.reference, rect);
    encodeCopy(body, rect.x, rect.y);
  }
  return {
    copies: copies.length,
    references: fromReference.length,
    used: [...used].map((m) => candidates[m]!).slice(0, 3),
  };
}
