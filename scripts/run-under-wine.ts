import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KOFFI_NATIVE_ENV } from '@fernhilfe/windows';
import { build } from 'esbuild';
// @ts-expect-error: plain ESM script without types
import { toolchainFile } from './windows/fetch-toolchain.mjs';
import type { Wine, WineProcess, WineRun } from './wine';

/** Windows path of a Linux path, through wine's `Z:` drive. */
export function windowsPath(linuxPath: string): string {
  return `Z:${linuxPath.replaceAll('/', '\\')}`;
}

/**
 * Bundles a TypeScript entry (with the workspace's sources) into one CommonJS file that Node 22
 * for Windows can run under wine, with koffi loaded from the pinned Windows binary.
 *
 * @param entry - absolute path of the script
 * @returns the bundle's path and a function removing it
 */
export async function bundleForWindows(entry: string): Promise<{ file: string; remove: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'fernhilfe-winbundle-'));
  const file = join(dir, 'entry.cjs');
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    outfile: file,
    conditions: ['@fernhilfe/source'],
    external: ['koffi'],
    logLevel: 'warning',
    // load-koffi.ts reads import.meta.url only when there is no `require` (ESM).
    logOverride: { 'empty-import-meta': 'silent' },
  });
  return { file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Environment that makes `loadKoffi` take the pinned Windows binary. */
export function windowsKoffiEnv(): NodeJS.ProcessEnv {
  return { [KOFFI_NATIVE_ENV]: windowsPath(toolchainFile('koffi-windows')) };
}

/**
 * Runs a bundled script with Node 22 for Windows under wine to its end.
 *
 * @param wine - the prefix
 * @param bundle - from {@link bundleForWindows}
 * @param args - script arguments
 * @returns exit code and output
 */
export function runNodeUnderWine(wine: Wine, bundle: string, args: readonly string[] = []): Promise<WineRun> {
  return wine.run(toolchainFile('node-windows'), [windowsPath(bundle), ...args], { env: windowsKoffiEnv() });
}

/**
 * Starts a bundled script with Node 22 for Windows under wine and leaves it running.
 *
 * @param wine - the prefix
 * @param bundle - from {@link bundleForWindows}
 * @param args - script arguments
 * @returns the running process
 */
export function spawnNodeUnderWine(wine: Wine, bundle: string, args: readonly string[] = []): WineProcess {
  return wine.spawn(toolchainFile('node-windows'), [windowsPath(bundle), ...args], { env: windowsKoffiEnv() });
}

/**
 * Runs a bundled script with Node 22 for Windows inside a wine virtual desktop
 * (`explorer /desktop=…`), where programs may change the resolution.
 *
 * @param wine - the prefix
 * @param bundle - from {@link bundleForWindows}
 * @param size - the virtual desktop's size, e.g. `1024x768`
 * @param args - script arguments
 * @returns exit code and output
 */
export function runNodeInWineDesktop(
  wine: Wine,
  bundle: string,
  size: string,
  args: readonly string[] = [],
): Promise<WineRun> {
  const program = [toolchainFile('node-windows'), windowsPath(bundle), ...args];
  return wine.run('explorer', [`/desktop=fernhilfe,${size}`, ...program], { env: windowsKoffiEnv() });
}
