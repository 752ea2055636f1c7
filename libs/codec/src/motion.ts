import { BLOCK, type BlockGrid } from './change-detection';
import type { FrameWords } from './frame-input';

// Local copy: transpiled test and bench runs turn imported constants into getters, too slow in pixel loops.
const RGB = 0x00ffffff;

/** A motion vector: the new pixel at (x, y) equals the old pixel at (x + dx, y + dy). */
export interface Motion {
  dx: number;
  dy: number;
}

const FEATURE = 8;
const MAX_FEATURES = 32;
const MAX_2D_SEARCHES = 8;
const SEARCH_RADIUS = 80;
const NEAR_RADIUS = 24;
const MAX_MATCHES = 8;
const MAX_CANDIDATES = 6;

/** Finds an 8-pixel run with at least two colour edges in row `y` of block `bx`, or -1. */
function featureStart(frame: FrameWords, grid: BlockGrid, bx: number, y: number): number {
  const { words, stride } = frame;
  const row = y * stride;
  const x0 = bx * BLOCK;
  const last = Math.min(x0 + BLOCK, grid.width) - FEATURE;
  for (let x = x0; x <= last; x++) {
    let edges = 0;
    for (let k = 1; k < FEATURE; k++) {
      if (((words[row + x + k]! ^ words[row + x + k - 1]!) & RGB) !== 0) edges++;
    }
    if (edges >= 2) return x;
  }
  return -1;
}

function matchesAt(
  frame: FrameWords,
  previous: Uint32Array,
  width: number,
  fx: number,
  fy: number,
  sx: number,
  sy: number,
) {
  const cur = fy * frame.stride + fx;
  const old = sy * width + sx;
  for (let k = 0; k < FEATURE; k++) {
    if (((frame.words[cur + k]! ^ previous[old + k]!) & RGB) !== 0) return false;
  }
  return true;
}

/**
 * Adds to `found` every horizontal-or-diagonal offset within `radius` of (`cx`, `cy`) where the
 * feature at (fx, fy) sits in the old frame. Returns false once there are too many (ambiguous).
 */
function searchWindow(
  frame: FrameWords,
  previous: Uint32Array,
  grid: BlockGrid,
  fx: number,
  fy: number,
  centre: Motion,
  radius: number,
  found: Motion[],
): boolean {
  const { width, height } = grid;
  const first = frame.words[fy * frame.stride + fx]! & RGB;
  const sy0 = Math.max(0, fy + centre.dy - radius);
  const sy1 = Math.min(height - 1, fy + centre.dy + radius);
  const sx0 = Math.max(0, fx + centre.dx - radius);
  const sx1 = Math.min(width - FEATURE, fx + centre.dx + radius);
  for (let sy = sy0; sy <= sy1; sy++) {
    const row = sy * width;
    for (let sx = sx0; sx <= sx1; sx++) {
      if (sx === fx || (previous[row + sx]! & RGB) !== first) continue;
      if (!matchesAt(frame, previous, width, fx, fy, sx, sy)) continue;
      found.push({ dx: sx - fx, dy: sy - fy });
      if (found.length > MAX_MATCHES) return false;
    }
  }
  return true;
}

/**
 * Every position of the feature at (fx, fy) in the old frame: in the same column anywhere; failing
 * that (and if `twoDimensional`), near the recent motions, then within the search radius.
 * @returns the offsets, or undefined when the feature is too common to tell anything
 */
function searchFeature(
  frame: FrameWords,
  previous: Uint32Array,
  grid: BlockGrid,
  fx: number,
  fy: number,
  twoDimensional: boolean,
  recent: readonly Motion[],
): Motion[] | undefined {
  const { width, height } = grid;
  const first = frame.words[fy * frame.stride + fx]! & RGB;
  const found: Motion[] = [];
  for (let sy = 0; sy < height; sy++) {
    if (sy === fy || (previous[sy * width + fx]! & RGB) !== first) continue;
    if (!matchesAt(frame, previous, width, fx, fy, fx, sy)) continue;
    found.push({ dx: 0, dy: sy - fy });
    if (found.length > MAX_MATCHES) return undefined;
  }
  if (!twoDimensional || found.length > 0) return found;
  for (const centre of recent) {
    if (centre.dx === 0) continue;
    if (!searchWindow(frame, previous, grid, fx, fy, centre, NEAR_RADIUS, found)) return undefined;
    if (found.length > 0) return found;
  }
  if (!searchWindow(frame, previous, grid, fx, fy, { dx: 0, dy: 0 }, SEARCH_RADIUS, found)) return undefined;
  return found;
}

/**
 * Guesses how content moved between `previous` and `frame` by locating small features of changed
 * blocks in the old frame (vertically anywhere, in 2-D within ±80 px) and voting. Vectors that
 * explained the last update are tried first.
 * @returns candidate vectors, most likely first
 */
export function estimateMotion(
  frame: FrameWords,
  previous: Uint32Array,
  grid: BlockGrid,
  changed: readonly number[],
  recent: readonly Motion[],
): Motion[] {
  if (changed.length === 0) return [];
  const votes = new Map<number, { motion: Motion; weight: number }>();
  const vote = (motion: Motion, weight: number) => {
    const key = (motion.dy + 0x8000) * 0x10000 + (motion.dx + 0x8000);
    const entry = votes.get(key);
    if (entry) entry.weight += weight;
    else votes.set(key, { motion, weight });
  };
  const step = Math.max(1, Math.floor(changed.length / MAX_FEATURES));
  let searches2d = 0;
  for (let i = 0; i < changed.length; i += step) {
    const block = changed[i]!;
    const bx = block % grid.columns;
    const by = (block - bx) / grid.columns;
    const fy = Math.min(by * BLOCK + BLOCK / 2, grid.height - 1);
    const fx = featureStart(frame, grid, bx, fy);
    if (fx < 0) continue;
    const known = recent.find((m) => {
      const sx = fx + m.dx;
      const sy = fy + m.dy;
      return (
        sx >= 0 &&
        sy >= 0 &&
        sx + FEATURE <= grid.width &&
        sy < grid.height &&
        matchesAt(frame, previous, grid.width, fx, fy, sx, sy)
      );
    });
    if (known) {
      vote(known, 1);
      continue;
    }
    const found = searchFeature(frame, previous, grid, fx, fy, searches2d < MAX_2D_SEARCHES, recent);
    if (found?.length === 0) searches2d++;
    if (!found || found.length === 0) continue;
    for (const motion of found) vote(motion, 1 / found.length);
  }
  return [...votes.values()]
    .filter((v) => v.weight >= 0.99)
    .sort((a, b) => b.weight - a.weight)
    .slice(0, MAX_CANDIDATES)
    .map((v) => v.motion);
}

/** Whether block (`bx`, `by`) of the new frame equals the old frame shifted by `motion`. */
export function blockMoved(
  frame: FrameWords,
  previous: Uint32Array,
  grid: BlockGrid,
  bx: number,
  by: number,
  motion: Motion,
): boolean {
  const x0 = bx * BLOCK;
  const y0 = by * BLOCK;
  const w = Math.min(BLOCK, grid.width - x0);
  const h = Math.min(BLOCK, grid.height - y0);
  const sx = x0 + motion.dx;
  const sy = y0 + motion.dy;
  if (sx < 0 || sy < 0 || sx + w > grid.width || sy + h > grid.height) return false;
  const { words, stride } = frame;
  for (let row = 0; row < h; row++) {
    const cur = (y0 + row) * stride + x0;
    const old = (sy + row) * grid.width + sx;
    for (let k = 0; k < w; k++) {
      if (((words[cur + k]! ^ previous[old + k]!) & RGB) !== 0) return false;
    }
  }
  return true;
}

/** Whether block (`bx`, `by`) of the new frame equals the same block of `reference`. */
export function blockUnchangedSince(
  frame: FrameWords,
  reference: Uint32Array,
  grid: BlockGrid,
  bx: number,
  by: number,
) {
  return blockMoved(frame, reference, grid, bx, by, STILL);
}

const STILL: Motion = { dx: 0, dy: 0 };
