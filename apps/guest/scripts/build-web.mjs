// Builds the customer support page into dist/web: index.html, styles.css, favicon.svg,
// encoder-worker.js (the screen encoder, off the page's main thread) and app.js (one ES module with the session, crypto, codec and transport libs inside). Sibling
// libs resolve to their TypeScript sources through the '@fernhilfe/source' condition and to
// their browser files (fflate deflate, native WebSocket) through 'browser'.
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const appDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const STATIC_FILES = ['index.html', 'styles.css', 'favicon.svg'];

/**
 * @param {{ outdir?: string, minify?: boolean }} [options]
 * @returns {Promise<{ outdir: string, files: string[] }>}
 */
export async function buildWeb(options = {}) {
  const outdir = options.outdir ?? join(appDir, 'dist/web');
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  await build({
    absWorkingDir: appDir,
    entryPoints: { app: join(appDir, 'src/web/app.ts'), 'encoder-worker': join(appDir, 'src/web/encoder-worker.ts') },
    outdir,
    bundle: true,
    splitting: false,
    format: 'esm',
    platform: 'browser',
    target: ['es2022', 'chrome110', 'firefox115', 'safari16.4'],
    conditions: ['@fernhilfe/source', 'browser'],
    minify: options.minify ?? true,
    sourcemap: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  for (const file of STATIC_FILES) await copyFile(join(appDir, 'src/web/static', file), join(outdir, file));
  return { outdir, files: [...STATIC_FILES, 'app.js', 'encoder-worker.js'] };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { outdir, files } = await buildWeb();
  console.log(`built ${files.join(', ')} into ${outdir}`);
}
