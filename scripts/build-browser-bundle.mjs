// The one esbuild recipe for the apps' web pages: ES modules for current browsers, sibling libs
// resolved to their TypeScript sources ('@fernhilfe/source') and their browser files ('browser':
// fflate deflate, native WebSocket, noble AEAD), static files copied beside the bundles.
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { thirdPartyNotices } from './third-party-notices.mjs';

/** The file beside the bundles that carries the licences of the third-party code inside them. */
export const NOTICES_FILE = 'THIRD-PARTY-NOTICES.txt';

/**
 * Empties `outdir`, bundles `entryPoints` into it, copies `staticFiles` from `staticDir` and writes
 * the licences of the bundled third-party packages to THIRD-PARTY-NOTICES.txt (their own `/*!`
 * notices also stay at the end of each bundle).
 *
 * @param {{ appDir: string, outdir: string, entryPoints: Record<string, string>,
 *   staticDir: string, staticFiles: string[], minify?: boolean }} options
 * @returns {Promise<{ outdir: string, files: string[] }>}
 */
export async function buildBrowserBundle(options) {
  const { appDir, outdir, entryPoints, staticDir, staticFiles } = options;
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  const { metafile } = await build({
    absWorkingDir: appDir,
    entryPoints,
    outdir,
    bundle: true,
    splitting: false,
    format: 'esm',
    platform: 'browser',
    target: ['es2022', 'chrome110', 'firefox115', 'safari16.4'],
    conditions: ['@fernhilfe/source', 'browser'],
    minify: options.minify ?? true,
    sourcemap: true,
    legalComments: 'eof',
    metafile: true,
    logLevel: 'warning',
  });
  for (const file of staticFiles) await copyFile(join(staticDir, file), join(outdir, file));
  await writeFile(join(outdir, NOTICES_FILE), await thirdPartyNotices(metafile, appDir));
  return {
    outdir,
    files: [...staticFiles, ...Object.keys(entryPoints).map((name) => `${name}.js`), NOTICES_FILE],
  };
}
