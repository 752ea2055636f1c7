import type { LittleEndianWriter } from './byte-writer';
import { BLOCK, type BlockGrid } from './change-detection';
import { differenceBounds } from './difference-bounds';
import type { FrameWords } from './frame-input';
import { PaletteAnalysis } from './palette-analysis';
import { writePixelOp } from './pixel-op';
import type { Rect } from './types';

/** Tiles are 64×64 pixels (4×4 blocks): the largest rectangle one pixel op covers. */
const TILE_BLOCKS = 4;
const TILE = TILE_BLOCKS * BLOCK;

/** Reusable buffers for pixel ops, one set per encoder. */
export interface PixelOpScratch {
  /** Room for one tile's pixels. */
  readonly pixels: Uint32Array;
  /** Palette counting for one tile. */
  readonly analysis: PaletteAnalysis;
}

/** @returns fresh buffers for one encoder */
export function createPixelOpScratch(): PixelOpScratch {
  return { pixels: new Uint32Array(TILE * TILE), analysis: new PaletteAnalysis() };
}

/**
 * Writes a whole frame as one pixel op per 64×64 tile.
 *
 * @param body - where the ops go
 * @param frame - the frame
 * @param grid - its block grid
 * @param scratch - reusable buffers
 * @returns the number of ops written
 */
export function writeKeyframeOps(
  body: LittleEndianWriter,
  frame: FrameWords,
  grid: BlockGrid,
  scratch: PixelOpScratch,
): number {
  const { width, height } = grid;
  let ops = 0;
  for (let y = 0; y < height; y += TILE) {
    for (let x = 0; x < width; x += TILE) {
      const rect = { x, y, width: Math.min(TILE, width - x), height: Math.min(TILE, height - y) };
      writePixelOp(body, frame, rect, scratch.pixels, scratch.analysis);
      ops++;
    }
  }
  return ops;
}

/**
 * One pixel op per tile, covering the pixels that differ from the previous frame in the tile's
 * changed blocks that no copy explains (`motionOf[block]` < 0).
 *
 * @param body - where the ops go
 * @param frame - the new frame
 * @param previous - the previous frame in the byte order of `frame`, `grid.width` words per row
 * @param grid - its block grid
 * @param changed - indices of the changed blocks, in raster order
 * @param motionOf - per block: copied (≥ 0) or not (-1)
 * @param scratch - reusable buffers
 * @returns the number of ops written
 */
export function writeTileOps(
  body: LittleEndianWriter,
  frame: FrameWords,
  previous: Uint32Array,
  grid: BlockGrid,
  changed: readonly number[],
  motionOf: Int8Array,
  scratch: PixelOpScratch,
): number {
  const rects: Rect[] = [];
  const union = { x0: grid.width, y0: grid.height, x1: 0, y1: 0 };
  for (const [bx0, by0, bx1, by1] of tileBounds(grid, changed, motionOf).values()) {
    const x = bx0 * BLOCK;
    const y = by0 * BLOCK;
    const blocks = {
      x,
      y,
      width: Math.min(bx1 * BLOCK, grid.width) - x,
      height: Math.min(by1 * BLOCK, grid.height) - y,
    };
    const rect = differenceBounds(frame, previous, grid.width, blocks);
    if (rect === undefined) continue;
    rects.push(rect);
    union.x0 = Math.min(union.x0, rect.x);
    union.y0 = Math.min(union.y0, rect.y);
    union.x1 = Math.max(union.x1, rect.x + rect.width);
    union.y1 = Math.max(union.y1, rect.y + rect.height);
  }
  const unionWidth = union.x1 - union.x0;
  const unionHeight = union.y1 - union.y0;
  // A small change that straddles tile borders (a cursor, a marker) goes as one op, not one per tile.
  const ops =
    rects.length > 1 && unionWidth * unionHeight <= TILE * TILE
      ? [{ x: union.x0, y: union.y0, width: unionWidth, height: unionHeight }]
      : rects;
  for (const rect of ops) writePixelOp(body, frame, rect, scratch.pixels, scratch.analysis);
  return ops.length;
}

/** Per tile, the bounding box (in blocks: x0, y0, x1, y1) of its changed blocks that are not copied. */
function tileBounds(
  grid: BlockGrid,
  changed: readonly number[],
  motionOf: Int8Array,
): Map<number, [number, number, number, number]> {
  const tileColumns = Math.ceil(grid.columns / TILE_BLOCKS);
  const bounds = new Map<number, [number, number, number, number]>();
  for (const block of changed) {
    if (motionOf[block]! >= 0) continue;
    const bx = block % grid.columns;
    const by = (block - bx) / grid.columns;
    const tile = Math.floor(by / TILE_BLOCKS) * tileColumns + Math.floor(bx / TILE_BLOCKS);
    const box = bounds.get(tile);
    if (box === undefined) bounds.set(tile, [bx, by, bx + 1, by + 1]);
    else {
      box[0] = Math.min(box[0], bx);
      box[2] = Math.max(box[2], bx + 1);
      box[3] = by + 1;
    }
  }
  return bounds;
}
