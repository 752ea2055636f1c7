import type { Framebuffer } from '@fernhilfe/codec';
import type { Xvfb } from '../../../../scripts/xvfb';
import { parseXwd } from '../../../../scripts/xwd';

/** Pixels where the viewer's framebuffer differs from the X screen (read with `xwd -root`). */
export async function countDifferentPixels(xvfb: Xvfb, framebuffer: Framebuffer): Promise<number> {
  const xwd = parseXwd(await xvfb.exec('xwd', ['-root', '-silent']));
  if (framebuffer.width !== xwd.width || framebuffer.height !== xwd.height) return xwd.width * xwd.height;
  const data = framebuffer.data;
  let different = 0;
  for (let y = 0; y < xwd.height; y++) {
    for (let x = 0; x < xwd.width; x++) {
      const at = (y * framebuffer.width + x) * 4;
      const rgb = ((data[at] as number) << 16) | ((data[at + 1] as number) << 8) | (data[at + 2] as number);
      if (rgb !== xwd.pixel(x, y)) different++;
    }
  }
  return different;
}

/** Polls until the viewer shows exactly what the X screen shows. */
export async function waitForSameScreen(xvfb: Xvfb, framebuffer: () => Framebuffer, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  let different = -1;
  while (Date.now() < deadline) {
    different = await countDifferentPixels(xvfb, framebuffer());
    if (different === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`viewer framebuffer still differs from the X screen in ${different} pixels`);
}
