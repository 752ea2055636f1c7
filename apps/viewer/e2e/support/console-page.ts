import type { Locator, Page } from 'playwright-core';

/** Drives the agent console page the relay serves at /agent/. */
export interface ConsolePage {
  readonly page: Page;
  part(name: string): Locator;
  open(base: string): Promise<void>;
  signIn(token: string): Promise<void>;
  /** Clicks "New session" and returns the number as shown (`1234 5678`). */
  newSession(): Promise<string>;
  /** Reads canvas pixels (0xRRGGBB) of a region of the remote screen, or `undefined` before the first picture. */
  canvasRegion(region: Rect): Promise<number[] | undefined>;
  /**
   * The same region read from the decoder's framebuffer (the `ImageData` the renderer last
   * painted from wraps it without a copy), to tell a missed paint from a missed update.
   */
  framebufferRegion(region: Rect): Promise<number[] | undefined>;
  /** Whether the remote cursor overlay is shown. */
  cursorShown(): Promise<boolean>;
  /** Size of the canvas backing store (the remote screen size once a picture arrived). */
  canvasSize(): Promise<{ width: number; height: number }>;
  /** Page coordinates of a remote screen point, through the current scaling. */
  pagePoint(x: number, y: number): Promise<{ x: number; y: number }>;
  screenshot(path: string): Promise<void>;
}

/** A rectangle in remote screen pixels. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const HOST = '[data-part="viewer-host"]';

/**
 * Remembers the `ImageData` the screen canvas was last painted from (installed with
 * `page.addInitScript` before the console loads).
 */
export function rememberScreenImage(): void {
  const put = CanvasRenderingContext2D.prototype.putImageData;
  CanvasRenderingContext2D.prototype.putImageData = function (this: CanvasRenderingContext2D, ...args: unknown[]) {
    if (this.canvas.className === 'fh-canvas') {
      (globalThis as unknown as { __lastScreenImage?: unknown }).__lastScreenImage = args[0];
    }
    (put as (...a: unknown[]) => void).apply(this, args);
  } as typeof put;
}

/**
 * @param page - a Chromium page
 * @returns helpers bound to it
 */
export function consolePage(page: Page): ConsolePage {
  const part = (name: string) => page.locator(`[data-part="${name}"]`);
  return {
    page,
    part,
    async open(base) {
      await page.goto(`${base}/agent/`);
    },
    async signIn(token) {
      if (await part('new-session').isVisible()) return;
      await page.fill('#agent-token', token);
      await page.click('[data-part="sign-in"] button[type="submit"]');
      await part('new-session').waitFor({ state: 'visible' });
    },
    async newSession() {
      await part('new-session').click();
      await page.waitForFunction(
        (host) =>
          /^\d{4} \d{4}$/.test(
            document.querySelector(host)?.shadowRoot?.querySelector('[data-part="number"]')?.textContent ?? '',
          ),
        HOST,
      );
      return (await part('number').textContent()) ?? '';
    },
    canvasRegion(region) {
      return page.evaluate(
        ({ host, region }) => {
          const canvas = document
            .querySelector(host)
            ?.shadowRoot?.querySelector('canvas.fh-canvas') as HTMLCanvasElement | null;
          if (!canvas || canvas.width < region.x + region.width || canvas.height < region.y + region.height)
            return undefined;
          const data = canvas.getContext('2d')!.getImageData(region.x, region.y, region.width, region.height).data;
          const out: number[] = [];
          for (let i = 0; i < data.length; i += 4) out.push((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
          return out;
        },
        { host: HOST, region },
      );
    },
    framebufferRegion(region) {
      return page.evaluate((region) => {
        const image = (globalThis as unknown as { __lastScreenImage?: ImageData }).__lastScreenImage;
        if (!image) return undefined;
        const out: number[] = [];
        for (let y = region.y; y < region.y + region.height; y++) {
          for (let x = region.x; x < region.x + region.width; x++) {
            const at = (y * image.width + x) * 4;
            out.push((image.data[at]! << 16) | (image.data[at + 1]! << 8) | image.data[at + 2]!);
          }
        }
        return out;
      }, region);
    },
    cursorShown() {
      return page.evaluate((host) => {
        const cursor = document
          .querySelector(host)
          ?.shadowRoot?.querySelector('canvas.fh-cursor') as HTMLCanvasElement | null;
        return cursor !== null && !cursor.hidden && cursor.width > 0;
      }, HOST);
    },
    canvasSize() {
      return page.evaluate((host) => {
        const canvas = document
          .querySelector(host)
          ?.shadowRoot?.querySelector('canvas.fh-canvas') as HTMLCanvasElement | null;
        return { width: canvas?.width ?? 0, height: canvas?.height ?? 0 };
      }, HOST);
    },
    pagePoint(x, y) {
      return page.evaluate(
        ({ host, x, y }) => {
          const canvas = document
            .querySelector(host)!
            .shadowRoot!.querySelector('canvas.fh-canvas') as HTMLCanvasElement;
          const box = canvas.getBoundingClientRect();
          return {
            x: box.left + ((x + 0.5) * box.width) / canvas.width,
            y: box.top + ((y + 0.5) * box.height) / canvas.height,
          };
        },
        { host: HOST, x, y },
      );
    },
    async screenshot(path) {
      await page.screenshot({ path });
    },
  };
}
