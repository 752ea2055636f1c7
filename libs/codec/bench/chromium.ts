import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_FLAGS as CHROMIUM_FLAGS_SHARED, CHROMIUM_PATH } from '../../../scripts/chromium';

const CHROMIUM = CHROMIUM_PATH;
const FLAGS = [...CHROMIUM_FLAGS_SHARED];

/** Bundles the decoder for browsers (fflate backend, `browser` conditions) into one script. */
async function browserBundle(): Promise<string> {
  const { build } = await import('tsup');
  const outDir = mkdtempSync(join(tmpdir(), 'codec-bench-'));
  try {
    await build({
      entry: { codec: join(dirname(fileURLToPath(import.meta.url)), '../src/index.ts') },
      format: ['iife'],
      globalName: 'fernhilfeCodec',
      platform: 'browser',
      outDir,
      silent: true,
      dts: false,
      config: false,
      noExternal: [/.*/],
      esbuildOptions(options) {
        options.conditions = ['@fernhilfe/source', 'browser'];
      },
    });
    return readFileSync(join(outDir, 'codec.global.js'), 'utf8');
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

/**
 * Decodes `updates` (the first must be a keyframe) `passes` times in headless Chromium and returns the
 * milliseconds of every delta decode, or a reason why it could not run.
 */
export async function decodeInChromium(updates: Uint8Array[], passes: number): Promise<number[] | string> {
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} not installed`;
  const { chromium } = await import('playwright-core');
  const script = await browserBundle();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  try {
    const page = await browser.newPage();
    await page.setContent('<!doctype html><title>codec bench</title>');
    await page.addScriptTag({ content: script });
    const encoded = updates.map((u) => Buffer.from(u).toString('base64'));
    return await page.evaluate(
      ({ encoded, passes }) => {
        const codec = (globalThis as unknown as { fernhilfeCodec: typeof import('../src/index') }).fernhilfeCodec;
        const bytes = encoded.map((b64) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
        const times: number[] = [];
        for (let pass = 0; pass < passes; pass++) {
          const decoder = codec.createDecoder();
          decoder.decode(bytes[0]!);
          for (let i = 1; i < bytes.length; i++) {
            const started = performance.now();
            decoder.decode(bytes[i]!);
            times.push(performance.now() - started);
          }
        }
        return times;
      },
      { encoded, passes },
    );
  } finally {
    await browser.close();
  }
}
