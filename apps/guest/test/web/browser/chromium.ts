import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { CHROMIUM_FLAGS as CHROMIUM_FLAGS_SHARED, CHROMIUM_PATH } from '../../../../../scripts/chromium';

/** The shared flags (`scripts/chromium.ts`), plus automatic choice of the whole screen. */
const CHROMIUM_FLAGS = [...CHROMIUM_FLAGS_SHARED, '--auto-select-desktop-capture-source=Entire screen'];

/** Where the browser window sits on the X screen; the test paints its pattern right of it. */
export const WINDOW = { x: 0, y: 0, width: 820, height: 780 };

/** A headed Chromium on an X display. */
export interface HeadedChromium {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Starts headed Chromium (headless cannot capture the X screen) on `display`, with a fresh
 * profile and German as the browser language.
 *
 * @param display - e.g. `:93`
 */
export async function launchHeadedChromium(display: string): Promise<HeadedChromium> {
  const profile = await mkdtemp(join(tmpdir(), 'fernhilfe-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: false,
    env: { ...process.env, DISPLAY: display },
    args: [
      ...CHROMIUM_FLAGS,
      `--window-position=${WINDOW.x},${WINDOW.y}`,
      `--window-size=${WINDOW.width},${WINDOW.height}`,
    ],
    locale: 'de-DE',
    viewport: null,
  });
  return {
    context,
    async close() {
      await context.close().catch(() => undefined);
      await rm(profile, { recursive: true, force: true });
    },
  };
}
