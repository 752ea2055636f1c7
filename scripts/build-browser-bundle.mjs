// The one esbuild recipe for the apps' web pages: ES modules for current browsers, sibling libs
// resolved to their TypeScript sources ('@fernhilfe/source') and their browser files ('browser':
// fflate deflate, native WebSocket, noble AEAD), static files copied beside the bundles.
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';

/**
 * Empties `outdir`, bundles `entryPoints` into it and copies `staticFiles` from `staticDir`.
 *
 * @param {{ appDir: string, outdir: string, entryPoints: Record<string, string>,
 *   staticDir: string, staticFiles: string[], minify?: boolean }} options
 * @returns {Promise<{ outdir: string, files: string[] }>}
 */
export async function buildBrowserBundle(options) {
  const { appDir, outdir, entryPoints, staticDir, staticFiles } = options;
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  await build({
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
    legalComments: 'none',
    logLevel: 'warning',
  });
  for (const file of staticFiles) await copyFile(join(staticDir, file), join(outdir, file));
  return { outdir, files: [...staticFiles, ...Object.keys(entryPoints).map((name) => `${name}.js`)] };
}
