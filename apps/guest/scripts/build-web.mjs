// Builds the customer support page into dist/web: index.html, styles.css, favicon.svg,
// encoder-worker.js (the screen encoder, off the page's main thread) and app.js (one ES module with the session, crypto, codec and transport libs inside). Sibling
// libs resolve to their TypeScript sources through the '@fernhilfe/source' condition and to
// their browser files (fflate deflate, native WebSocket) through 'browser'.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildBrowserBundle } from '../../../scripts/build-browser-bundle.mjs';

const appDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * @param {{ outdir?: string, minify?: boolean }} [options]
 * @returns {Promise<{ outdir: string, files: string[] }>}
 */
export function buildWeb(options = {}) {
  return buildBrowserBundle({
    appDir,
    outdir: options.outdir ?? join(appDir, 'dist/web'),
    entryPoints: { app: join(appDir, 'src/web/app.ts'), 'encoder-worker': join(appDir, 'src/web/encoder-worker.ts') },
    staticDir: join(appDir, 'src/web/static'),
    staticFiles: ['index.html', 'styles.css', 'favicon.svg'],
    ...(options.minify === undefined ? {} : { minify: options.minify }),
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // `--outdir DIR` builds elsewhere (other apps' tests run this script as a process).
  const at = process.argv.indexOf('--outdir');
  const { outdir, files } = await buildWeb(at === -1 ? {} : { outdir: process.argv[at + 1] });
  console.log(`built ${files.join(', ')} into ${outdir}`);
}
