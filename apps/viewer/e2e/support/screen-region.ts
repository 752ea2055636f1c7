import type { Xvfb } from '../../../../scripts/xvfb';
import { parseXwd } from '../../../../scripts/xwd';

/** Pixels of a screen region as 0xRRGGBB values, row by row. */
export interface ScreenRegion {
  width: number;
  height: number;
  rgb: Uint32Array;
}

/**
 * Captures a region of the root window with `xwd`.
 *
 * @param xvfb - the X display
 * @param region - the rectangle in screen pixels
 * @returns the region's pixels
 */
export async function captureRegion(
  xvfb: Xvfb,
  region: { x: number; y: number; width: number; height: number },
): Promise<ScreenRegion> {
  const image = parseXwd(await xvfb.exec('xwd', ['-root', '-silent']));
  const rgb = new Uint32Array(region.width * region.height);
  for (let y = 0; y < region.height; y++) {
    for (let x = 0; x < region.width; x++) rgb[y * region.width + x] = image.pixel(region.x + x, region.y + y);
  }
  return { width: region.width, height: region.height, rgb };
}
