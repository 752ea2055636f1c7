import type { BlockGrid } from './change-detection';
import type { FrameWords } from './frame-input';
import type { FrameMemory } from './frame-memory';
import { blockMoved, blockUnchangedSince, type Motion } from './motion';

/** `motionOf` marker of a block that equals the keyframe picture (a `reference` op). */
export const FROM_REFERENCE = 127;

/**
 * Finds where each changed block can be copied from instead of sent as pixels: `motionOf[block]`
 * becomes the index of the first motion candidate that explains it, else {@link FROM_REFERENCE}
 * when it equals the reference picture, else stays -1 (send pixels).
 *
 * @param frame - the new frame
 * @param memory - the previous frame and the reference picture
 * @param changed - indices of the changed blocks, in raster order
 * @param candidates - motions to try, best first (at most 127)
 * @param motionOf - per block of the grid; overwritten
 */
export function findBlockSources(
  frame: FrameWords,
  memory: FrameMemory,
  changed: readonly number[],
  candidates: readonly Motion[],
  motionOf: Int8Array,
): void {
  const { grid, previous, reference } = memory;
  motionOf.fill(-1);
  if (candidates.length > 0) {
    for (const block of changed) {
      const bx = block % grid.columns;
      const by = (block - bx) / grid.columns;
      motionOf[block] = firstMotion(frame, previous, grid, bx, by, candidates);
    }
  }
  for (const block of changed) {
    if (motionOf[block]! >= 0) continue;
    const bx = block % grid.columns;
    if (blockUnchangedSince(frame, reference, grid, bx, (block - bx) / grid.columns)) motionOf[block] = FROM_REFERENCE;
  }
}

function firstMotion(
  frame: FrameWords,
  previous: Uint32Array,
  grid: BlockGrid,
  bx: number,
  by: number,
  candidates: readonly Motion[],
): number {
  for (let m = 0; m < candidates.length; m++) {
    if (blockMoved(frame, previous, grid, bx, by, candidates[m]!)) return m;
  }
  return -1;
}
