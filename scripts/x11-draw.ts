import type { X11Connection } from '@fernhilfe/x11';

/** A filled rectangle of one 0xRRGGBB colour. */
export interface Fill {
  x: number;
  y: number;
  width: number;
  height: number;
  color: number;
}

/** Paints rectangles straight onto the root window and waits until the server did it. */
export async function paintRoot(connection: X11Connection, fills: readonly Fill[]): Promise<void> {
  const { client, root } = connection;
  for (const fill of fills) {
    const gc = client.AllocID();
    client.CreateGC(gc, root, { foreground: fill.color });
    client.PolyFillRectangle(root, gc, [fill.x, fill.y, fill.width, fill.height]);
    client.FreeGC(gc);
  }
  await connection.sync();
}

/** The pixel value (0xRRGGBB) at a position of a BGRX frame. */
export function framePixel(frame: { data: Uint8Array; stride: number }, x: number, y: number): number {
  const at = y * frame.stride + x * 4;
  const d = frame.data;
  return ((d[at + 2] as number) << 16) | ((d[at + 1] as number) << 8) | (d[at] as number);
}

/**
 * Polls `check` until it returns a value other than undefined, or fails after `timeoutMs`
 * (generous: the X server and the test share a possibly busy machine).
 */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
