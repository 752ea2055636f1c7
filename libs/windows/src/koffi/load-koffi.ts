import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import type Koffi from 'koffi';

/** The koffi API (its native module). */
export type KoffiApi = typeof Koffi;

/** Name of the koffi binary inside a single-executable guest (`sea-config.json` assets). */
export const KOFFI_SEA_ASSET = 'koffi.node';

/** Environment variable naming a `koffi.node` to load instead of the npm package (tests under wine). */
export const KOFFI_NATIVE_ENV = 'FERNHILFE_KOFFI_NATIVE';

// A CommonJS bundle (the single executable) has `require` and no `import.meta.url`; ESM the reverse.
const requireHere: NodeJS.Require = typeof require === 'function' ? require : createRequire(import.meta.url);
let loaded: KoffiApi | undefined;

interface SeaApi {
  isSea(): boolean;
  getAsset(key: string): ArrayBuffer;
}

function seaApi(): SeaApi | undefined {
  try {
    return requireHere('node:sea') as SeaApi;
  } catch {
    return undefined;
  }
}

function dlopen(file: string): KoffiApi {
  const module = { exports: {} as KoffiApi };
  process.dlopen(module, file);
  return module.exports;
}

/**
 * Writes the embedded binary to a per-user directory named by its SHA-256 and returns its path.
 * An existing file is reused only when its hash matches, so a tampered or half-written copy is
 * replaced rather than loaded.
 */
function extractSeaAsset(sea: SeaApi): string {
  const bytes = Buffer.from(sea.getAsset(KOFFI_SEA_ASSET));
  const hash = createHash('sha256').update(bytes).digest('hex');
  const base = process.env.LOCALAPPDATA ?? join(homedir() || tmpdir(), '.cache');
  const dir = join(base, 'Fernhilfe', `koffi-${hash.slice(0, 16)}`);
  const file = join(dir, 'koffi.node');
  const intact = existsSync(file) && createHash('sha256').update(readFileSync(file)).digest('hex') === hash;
  if (!intact) {
    mkdirSync(dir, { recursive: true });
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, bytes);
    renameSync(partial, file);
  }
  return file;
}

/**
 * Loads koffi once: from the binary embedded in a single-executable guest, from the file named by
 * `FERNHILFE_KOFFI_NATIVE`, or from the `koffi` npm package.
 *
 * @returns the koffi API
 */
export function loadKoffi(): KoffiApi {
  if (loaded !== undefined) return loaded;
  const sea = seaApi();
  const override = process.env[KOFFI_NATIVE_ENV];
  if (sea?.isSea()) loaded = dlopen(extractSeaAsset(sea));
  else if (override) loaded = dlopen(override);
  else loaded = requireHere('koffi') as KoffiApi;
  return loaded;
}
