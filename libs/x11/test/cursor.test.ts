import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../../scripts/x11-draw';
import { startXvfb, type Xvfb } from '../../../scripts/xvfb';
import { connectDisplay } from '../src/connect';
import type { X11Connection } from '../src/connection';
import { premultipliedArgbToRgba } from '../src/cursor-pixels';
import { openX11Desktop, type X11Desktop } from '../src/x11-desktop';

/** Creates a mapped window at (x, y) whose cursor is a 16×16 shape with known pixels. */
async function windowWithCursor(connection: X11Connection, x: number, y: number): Promise<number> {
  const { client, root } = connection;
  const source = client.AllocID();
  const mask = client.AllocID();
  client.CreatePixmap(source, root, 1, 16, 16);
  client.CreatePixmap(mask, root, 1, 16, 16);
  const zero = client.AllocID();
  const one = client.AllocID();
  client.CreateGC(zero, source, { foreground: 0 });
  client.CreateGC(one, source, { foreground: 1 });
  client.PolyFillRectangle(source, zero, [0, 0, 16, 16]);
  client.PolyFillRectangle(source, one, [0, 0, 8, 16]); // left half: foreground colour
  client.PolyFillRectangle(mask, zero, [0, 0, 16, 16]);
  client.PolyFillRectangle(mask, one, [0, 0, 16, 8]); // top half visible, bottom transparent
  const cursor = client.AllocID();
  client.CreateCursor(cursor, source, mask, { R: 0xffff, G: 0, B: 0 }, { R: 0, G: 0, B: 0xffff }, 3, 5);
  const window = client.AllocID();
  client.CreateWindow(window, root, x, y, 100, 100, 0, 0, 0, 0, { backgroundPixel: 0x808080, cursor });
  client.MapWindow(window);
  await connection.sync();
  return window;
}

describe('XFIXES cursor on a real Xvfb', () => {
  let xvfb: Xvfb;
  let desktop: X11Desktop;
  let other: X11Connection;
  beforeAll(async () => {
    xvfb = await startXvfb();
    desktop = await openX11Desktop({ display: xvfb.display });
    other = await connectDisplay({ display: xvfb.display });
  });
  afterAll(async () => {
    await desktop?.close();
    await other?.close();
    await xvfb?.stop();
  });

  it('hands out the cursor image once, then only on change', async () => {
    expect(desktop.features.cursor).toBe(true);
    const first = await desktop.takeCursorChange();
    expect(first).not.toBeNull();
    expect(first?.rgba.length).toBe((first?.width ?? 0) * (first?.height ?? 0) * 4);
    expect(await desktop.takeCursorChange()).toBeNull();
  });

  it('reports a new shape with exact RGBA pixels and hotspot when the pointer enters a window', async () => {
    await desktop.takeCursorChange();
    await windowWithCursor(other, 300, 300);
    desktop.pointer?.move(350, 350);
    await desktop.sync();
    const image = await waitFor('cursor change', async () => (await desktop.takeCursorChange()) ?? undefined);
    expect(image).toMatchObject({ width: 16, height: 16, hotX: 3, hotY: 5 });
    const at = (x: number, y: number) => Array.from(image.rgba.subarray((y * 16 + x) * 4, (y * 16 + x) * 4 + 4));
    expect(at(2, 2)).toEqual([255, 0, 0, 255]); // source 1, mask 1 → foreground red
    expect(at(12, 2)).toEqual([0, 0, 255, 255]); // source 0, mask 1 → background blue
    expect(at(2, 12)[3]).toBe(0); // mask 0 → transparent
    expect(at(12, 12)[3]).toBe(0);
    expect(await desktop.takeCursorChange()).toBeNull();
  });

  it('reads the pointer position', async () => {
    desktop.pointer?.move(17, 29);
    await desktop.sync();
    expect(await desktop.pointerPosition()).toEqual({ x: 17, y: 29 });
  });
});

describe('premultipliedArgbToRgba', () => {
  it('unpremultiplies and reorders B,G,R,A words into R,G,B,A bytes', () => {
    const argb = new Uint8Array([
      0x10,
      0x20,
      0x30,
      0xff, // opaque
      0x00,
      0x40,
      0x80,
      0x80, // half transparent, premultiplied
      0x11,
      0x22,
      0x33,
      0x00, // transparent (junk colour dropped)
    ]);
    expect(Array.from(premultipliedArgbToRgba(argb, 3))).toEqual([
      0x30, 0x20, 0x10, 0xff, 0xff, 0x80, 0x00, 0x80, 0, 0, 0, 0,
    ]);
  });
});
