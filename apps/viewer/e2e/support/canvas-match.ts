import { join } from 'node:path';
import type { Xvfb } from '../../../../scripts/xvfb';
import type { ConsolePage, Rect } from './console-page';
import { captureRegion } from './screen-region';

/** Options of {@link expectCanvasMatchesScreen}. */
export interface CanvasMatchOptions {
  /** Pixels allowed to differ (a text caret); @defaultValue 0 */
  allowedPixels?: number;
  /** How long to wait for the canvas to catch up; @defaultValue 15000 */
  timeoutMs?: number;
  /** Where a mismatch leaves `mismatch.png` (the console) and `mismatch-screen.xwd` (the X screen). */
  resultsDir: string;
}

/**
 * Waits until the agent's canvas shows what the X server shows in `region`, up to a few
 * differing pixels; throws with examples of differing pixels otherwise.
 *
 * @param xvfb - the guest's X display
 * @param agent - the console page
 * @param region - the compared rectangle in remote screen pixels
 * @param options - tolerance, time limit, where to leave evidence
 */
export async function expectCanvasMatchesScreen(
  xvfb: Xvfb,
  agent: ConsolePage,
  region: Rect,
  options: CanvasMatchOptions,
): Promise<void> {
  const allowed = options.allowedPixels ?? 0;
  let last = 'no picture yet';
  for (const deadline = Date.now() + (options.timeoutMs ?? 15_000); Date.now() < deadline; ) {
    const [screen, canvas] = await Promise.all([captureRegion(xvfb, region), agent.canvasRegion(region)]);
    if (canvas) {
      const differing: string[] = [];
      for (let index = 0; index < canvas.length; index++) {
        if (canvas[index] === screen.rgb[index]) continue;
        const x = region.x + (index % region.width);
        const y = region.y + Math.floor(index / region.width);
        differing.push(`(${x},${y}) canvas ${canvas[index]?.toString(16)} screen ${screen.rgb[index]?.toString(16)}`);
      }
      if (differing.length <= allowed) return;
      last = `${differing.length} of ${canvas.length} pixels differ, e.g. ${differing.slice(0, 12).join('; ')}`;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const [screen, framebuffer] = await Promise.all([captureRegion(xvfb, region), agent.framebufferRegion(region)]);
  const staleInDecoder = framebuffer?.filter((value, index) => value !== screen.rgb[index]).length;
  last += `; decoder framebuffer differs in ${staleInDecoder} pixels`;
  await agent.screenshot(join(options.resultsDir, 'mismatch.png'));
  await xvfb.exec('xwd', ['-root', '-silent', '-out', join(options.resultsDir, 'mismatch-screen.xwd')]);
  throw new Error(`canvas never matched the X screen: ${last}`);
}
