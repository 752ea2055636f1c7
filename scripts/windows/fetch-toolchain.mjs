#!/usr/bin/env node
// Fetches the prebuilt binaries the single-executable guests are made of (Node 22 for Windows
// and Linux, koffi's Windows binary) from the npm registry with `npm pack`, which checks each
// tarball against the registry's integrity hash, and unpacks them under .cache/toolchain/.
// Usage: node scripts/windows/fetch-toolchain.mjs [name ...]   (prints name<TAB>path)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../..');

/** Pinned packages by name, from toolchain.json. */
export const TOOLCHAIN = JSON.parse(readFileSync(join(here, 'toolchain.json'), 'utf8'));

/** Where unpacked packages live; `FERNHILFE_TOOLCHAIN_DIR` overrides it. */
export const toolchainDir = resolve(process.env.FERNHILFE_TOOLCHAIN_DIR ?? join(repoRoot, '.cache/toolchain'));

/**
 * Path of one pinned binary, fetching and unpacking its package first when it is missing.
 *
 * @param {string} name - a key of toolchain.json, e.g. `node-windows`
 * @returns {string} absolute path of the file
 */
export function toolchainFile(name) {
  const entry = TOOLCHAIN[name];
  if (entry === undefined || name.startsWith('$')) throw new Error(`unknown toolchain entry "${name}"`);
  const packageDir = join(toolchainDir, `${entry.package.replace('/', '+')}@${entry.version}`);
  const file = join(packageDir, entry.file);
  if (existsSync(file)) return file;
  mkdirSync(toolchainDir, { recursive: true });
  const work = mkdtempSync(join(toolchainDir, '.fetch-'));
  try {
    process.stderr.write(`fetching ${entry.package}@${entry.version} from the npm registry …\n`);
    const packed = JSON.parse(
      execFileSync('npm', ['pack', `${entry.package}@${entry.version}`, '--json', '--pack-destination', work], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      }),
    );
    const tarball = join(work, packed[0].filename);
    execFileSync('tar', ['xzf', tarball, '-C', work]);
    if (!existsSync(join(work, 'package', entry.file))) {
      throw new Error(`${entry.package}@${entry.version} has no ${entry.file}`);
    }
    rmSync(packageDir, { recursive: true, force: true });
    renameSync(join(work, 'package'), packageDir);
    return file;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const names =
    process.argv.length > 2 ? process.argv.slice(2) : Object.keys(TOOLCHAIN).filter((n) => !n.startsWith('$'));
  for (const name of names) process.stdout.write(`${name}\t${toolchainFile(name)}\n`);
}
