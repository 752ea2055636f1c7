import { execFile } from 'node:child_process';
import { chmod, copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { inject } from 'postject';

const run = promisify(execFile);

/**
 * The fuse Node looks for to know it carries a SEA blob (Node's single-executable docs; the
 * same string in every Node 22 binary).
 */
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

/** Name of the resource (ELF note / PE resource) holding the blob. */
const SEA_RESOURCE = 'NODE_SEA_BLOB';

/**
 * Bundles an entry with the workspace's sources into one CommonJS file for Node 22. Packages a
 * single executable cannot `require` stay outside: `koffi` comes from the embedded asset, and
 * `ws`'s optional native helpers are tried and skipped at run time.
 *
 * @param entry - the TypeScript entry
 * @param outfile - the bundle to write
 */
export async function bundleEntry(entry: string, outfile: string): Promise<void> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    minify: true,
    legalComments: 'none',
    conditions: ['@fernhilfe/source'],
    external: ['koffi', 'bufferutil', 'utf-8-validate'],
    logLevel: 'warning',
    // load-koffi.ts reads import.meta.url only when there is no `require` (ESM builds).
    logOverride: { 'empty-import-meta': 'silent' },
  });
}

/**
 * Makes the SEA preparation blob with Node 22 for Linux (the blob does not depend on the
 * platform without code cache and snapshot, so the Windows blob needs no wine).
 *
 * @param node - the Node 22 binary for Linux
 * @param work - a scratch directory
 * @param main - the bundle
 * @param assets - asset names and the files they are read from
 * @returns the blob's path
 */
export async function makeSeaBlob(
  node: string,
  work: string,
  main: string,
  assets: Readonly<Record<string, string>>,
): Promise<string> {
  const output = join(work, 'sea-prep.blob');
  const config = join(work, 'sea-config.json');
  await writeFile(
    config,
    JSON.stringify({
      main,
      output,
      disableExperimentalSEAWarning: true,
      useCodeCache: false,
      useSnapshot: false,
      assets,
    }),
  );
  await run(node, ['--experimental-sea-config', config], { cwd: work });
  return output;
}

/**
 * Copies a Node binary to `target`, dropping the Authenticode signature of a Windows one (Node's
 * signature would no longer match once the blob is in).
 *
 * @param node - the Node 22 binary
 * @param target - where the module is made
 * @param windows - whether it is node.exe
 */
export async function copyNodeBinary(node: string, target: string, windows: boolean): Promise<void> {
  if (windows) await run('osslsigncode', ['remove-signature', '-in', node, '-out', target]);
  else await copyFile(node, target);
  await chmod(target, 0o755);
}

/**
 * Injects the blob into a copy of the Node binary, which then runs the bundle instead of Node.
 *
 * @param executable - the copy made by {@link copyNodeBinary}
 * @param blob - the blob made by {@link makeSeaBlob}
 */
export async function injectSeaBlob(executable: string, blob: string): Promise<void> {
  const data = await readFile(blob);
  // postject's ELF parser (LIEF) warns about Node's unnamed note sections on every Linux build;
  // the result runs fine (the e2e test starts it), so only that known line is held back.
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (!/^warning: Can't find string offset for section name/.test(String(args[0]))) warn(...args);
  };
  try {
    await inject(executable, SEA_RESOURCE, data, { sentinelFuse: SEA_FUSE });
  } finally {
    console.warn = warn;
  }
}

/** `IMAGE_SUBSYSTEM_WINDOWS_GUI`: Windows starts the program without a console window. */
const SUBSYSTEM_WINDOWS_GUI = 2;
/** `IMAGE_SUBSYSTEM_WINDOWS_CUI`: node.exe as shipped, a console program. */
const SUBSYSTEM_WINDOWS_CUI = 3;

/**
 * Marks a Windows executable as a GUI program, so the customer sees only the guest's dialogs and
 * no console window. node.exe is a console program; the subsystem is one 16-bit field of the PE
 * optional header (offset 68, the same in PE32 and PE32+). Done before signing.
 *
 * @param executable - the `.exe` after {@link injectSeaBlob}
 * @throws Error when the file is not a PE image of a console program
 */
export async function markAsWindowsGuiProgram(executable: string): Promise<void> {
  const image = await readFile(executable);
  const peOffset = image.readUInt32LE(0x3c);
  if (image.toString('latin1', 0, 2) !== 'MZ' || image.toString('latin1', peOffset, peOffset + 4) !== 'PE\0\0') {
    throw new Error(`${executable} is not a Windows executable`);
  }
  const subsystemOffset = peOffset + 24 + 68;
  const subsystem = image.readUInt16LE(subsystemOffset);
  if (subsystem !== SUBSYSTEM_WINDOWS_CUI) throw new Error(`${executable}: unexpected PE subsystem ${subsystem}`);
  image.writeUInt16LE(SUBSYSTEM_WINDOWS_GUI, subsystemOffset);
  await writeFile(executable, image);
}
