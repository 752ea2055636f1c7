// Builds the browser bundles into dist/web: the agent console (index.html, app.js,
// console.css) and embed.js (mountViewer + <fernhilfe-viewer>). Sibling libs resolve to
// their TypeScript sources through the '@fernhilfe/source' condition.
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const appDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * @param {{ outdir?: string, appEntry?: string, minify?: boolean }} [options]
 * @returns {Promise<{ outdir: string, files: string[] }>}
 */
export async function buildWeb(options = {}) {
  const outdir = options.outdir ?? join(appDir, 'dist/web');
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  await build({
    absWorkingDir: appDir,
    entryPoints: {
      app: options.appEntry ?? join(appDir, 'src/console/app.ts'),
      embed: join(appDir, 'src/embed.ts'),
    },
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
  for (const file of ['index.html', 'console.css', 'favicon.svg'])
    await copyFile(join(appDir, 'web', file), join(outdir, file));
  return { outdir, files: ['index.html', 'console.css', 'favicon.svg', 'app.js', 'embed.js'] };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { outdir, files } = await buildWeb();
  console.log(`built ${files.join(', ')} into ${outdir}`);
}
