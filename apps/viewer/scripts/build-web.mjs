// Builds the browser bundles into dist/web: the agent console (index.html, app.js,
// console.css) and embed.js (mountViewer + <fernhilfe-viewer>). Sibling libs resolve to
// their TypeScript sources through the '@fernhilfe/source' condition.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildBrowserBundle } from '../../../scripts/build-browser-bundle.mjs';

const appDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * @param {{ outdir?: string, appEntry?: string, minify?: boolean }} [options]
 * @returns {Promise<{ outdir: string, files: string[] }>}
 */
export function buildWeb(options = {}) {
  return buildBrowserBundle({
    appDir,
    outdir: options.outdir ?? join(appDir, 'dist/web'),
    entryPoints: {
      app: options.appEntry ?? join(appDir, 'src/console/app.ts'),
      embed: join(appDir, 'src/embed.ts'),
    },
    staticDir: join(appDir, 'web'),
    staticFiles: ['index.html', 'console.css', 'favicon.svg'],
    ...(options.minify === undefined ? {} : { minify: options.minify }),
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // `--outdir DIR` builds elsewhere (other apps' tests run this script as a process).
  const at = process.argv.indexOf('--outdir');
  const { outdir, files } = await buildWeb(at === -1 ? {} : { outdir: process.argv[at + 1] });
  console.log(`built ${files.join(', ')} into ${outdir}`);
}
