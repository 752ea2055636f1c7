import type { Rect } from '@fernhilfe/desktop';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { framePixel, paintRoot, waitFor } from '../../../scripts/x11-draw';
import { startXvfb, type Xvfb } from '../../../scripts/xvfb';
import { connectDisplay } from '../src/connect';
import type { X11Connection } from '../src/connection';
import { openX11Desktop, type X11Desktop } from '../src/x11-desktop';

function covers(rects: readonly Rect[], target: Rect): boolean {
  // Every pixel of target lies in some rect (checked on a grid, exact for axis-aligned rects).
  for (let y = target.y; y < target.y + target.height; y++) {
    for (let x = target.x; x < target.x + target.width; x++) {
      if (!rects.some((r) => x >= r.x && y >= r.y && x < r.x + r.width && y < r.y + r.height)) return false;
    }
  }
  return true;
}

describe('DAMAGE hints on a real Xvfb', () => {
  let xvfb: Xvfb;
  let desktop: X11Desktop;
  let painter: X11Connection;
  beforeAll(async () => {
    xvfb = await startXvfb();
    desktop = await openX11Desktop({ display: xvfb.display });
    painter = await connectDisplay({ display: xvfb.display });
  });
  afterAll(async () => {
    await desktop?.close();
    await painter?.close();
    await xvfb?.stop();
  });

  it('reports damage for the first frame, then only what changed', async () => {
    expect(desktop.features.damage).toBe(true);
    const first = await desktop.capture();
    expect(first.hints.damage).toBeDefined();
    // Nothing draws now; on a busy machine the X server may still be reporting what it drew
    // while starting, so a quiet frame must come, however late, and then hint nothing.
    await waitFor('a capture without damage', async () => {
      const { hints } = await desktop.capture();
      return hints.damage?.length === 0 ? true : undefined;
    });

    const changed = { x: 100, y: 120, width: 50, height: 30 };
    await paintRoot(painter, [{ ...changed, color: 0x336699 }]);
    const next = await desktop.capture();
    expect(framePixel(next.frame, 110, 130)).toBe(0x336699);
    const damage = next.hints.damage ?? [];
    expect(covers(damage, changed)).toBe(true);
    // The hint is about the change, not the whole screen.
    const area = damage.reduce((sum, r) => sum + r.width * r.height, 0);
    expect(area).toBeLessThan((1280 * 800) / 10);
  });

  it('never shows a change in a frame without hinting it (paint races capture)', async () => {
    await desktop.capture();
    for (let i = 0; i < 30; i++) {
      const rect = { x: 20 * i, y: 300 + (i % 5) * 40, width: 15, height: 15 };
      const color = 0x010101 * (i + 1);
      const gc = painter.client.AllocID();
      painter.client.CreateGC(gc, painter.root, { foreground: color });
      painter.client.PolyFillRectangle(painter.root, gc, [rect.x, rect.y, rect.width, rect.height]);
      painter.client.FreeGC(gc);
      const { frame, hints } = await desktop.capture();
      const shown = framePixel(frame, rect.x + 7, rect.y + 7) === color;
      const hinted = covers(hints.damage ?? [], rect);
      // Either the frame already shows the paint and hints it, or the next frame will.
      if (shown) expect(hinted).toBe(true);
      else {
        await painter.sync();
        const later = await desktop.capture();
        expect(framePixel(later.frame, rect.x + 7, rect.y + 7)).toBe(color);
        expect(covers(later.hints.damage ?? [], rect)).toBe(true);
      }
    }
  });

  it('reports the area an xterm covers when it appears and moves', async () => {
    await desktop.capture();
    xvfb.spawnClient('xterm', ['-T', 'damage-xterm', '-geometry', '40x10+200+200', '-bg', 'white']);
    const id = (await xvfb.exec('xdotool', ['search', '--sync', '--name', 'damage-xterm'])).toString().trim();
    const appeared = await waitFor('xterm damage', async () => {
      const { hints } = await desktop.capture();
      const damage = hints.damage ?? [];
      return damage.some((r) => r.x <= 210 && r.y <= 210 && r.x + r.width > 210 && r.y + r.height > 210)
        ? damage
        : undefined;
    });
    expect(appeared.length).toBeGreaterThan(0);
    await xvfb.exec('xdotool', ['windowmove', '--sync', id.split('\n')[0] ?? id, '700', '450']);
    const moved = await waitFor('xterm move damage', async () => {
      const { hints } = await desktop.capture();
      const damage = hints.damage ?? [];
      const newPlace = damage.some((r) => r.x <= 710 && r.y <= 460 && r.x + r.width > 710 && r.y + r.height > 460);
      const oldPlace = damage.some((r) => r.x <= 210 && r.y <= 210 && r.x + r.width > 210 && r.y + r.height > 210);
      return newPlace && oldPlace ? damage : undefined;
    });
    expect(moved.length).toBeGreaterThan(0);
  });

  it('collapses an unbounded number of rectangles into a bounded list', async () => {
    const small = await openX11Desktop({ display: xvfb.display, maxDamageRects: 4 });
    await small.capture();
    const fills = Array.from({ length: 40 }, (_, i) => ({
      x: 10 + 25 * i,
      y: 700,
      width: 10,
      height: 10,
      color: 0x777777,
    }));
    await paintRoot(painter, fills);
    const { hints } = await small.capture();
    expect((hints.damage ?? []).length).toBeLessThanOrEqual(4);
    for (const f of fills) expect(covers(hints.damage ?? [], f)).toBe(true);
    await small.close();
  });
});
