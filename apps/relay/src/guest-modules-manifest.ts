import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Name of the manifest the module build writes beside the modules (docs/guest-modules.md). */
export const GUEST_MODULES_MANIFEST = 'guest-modules.json';

/** Largest manifest the relay reads; the build writes well under 1 KiB. */
export const MAX_MANIFEST_BYTES = 64 * 1024;

/** One module the relay may offer. */
export interface OfferedModule {
  /** Plain file name inside the modules directory. */
  readonly file: string;
  /** `windows-x64`, `linux-x64`, … as the build wrote it. */
  readonly platform: string;
  /** Size in bytes; the file is only served while it still has this size. */
  readonly size: number;
  /** SHA-256, 64 lowercase hex digits. */
  readonly sha256: string;
  /** Whether the build signed it. */
  readonly signed: boolean;
}

/** The manifest as the relay serves it: only the fields below, only well-formed modules. */
export interface OfferedManifest {
  readonly format: 1;
  readonly relayUrl: string;
  readonly organisation?: string;
  readonly builtAt: string;
  readonly modules: readonly OfferedModule[];
}

// A plain name: no path separators, no leading dot, nothing a header or a file system reads specially.
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const PLATFORM = /^[a-z0-9]+-[a-z0-9_]+$/;

function offeredModule(value: unknown): OfferedModule | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { file, platform, size, sha256, signed } = value as Record<string, unknown>;
  const wellFormed =
    typeof file === 'string' &&
    FILE_NAME.test(file) &&
    file !== GUEST_MODULES_MANIFEST &&
    typeof platform === 'string' &&
    PLATFORM.test(platform) &&
    Number.isSafeInteger(size) &&
    (size as number) > 0 &&
    typeof sha256 === 'string' &&
    /^[0-9a-f]{64}$/.test(sha256) &&
    typeof signed === 'boolean';
  return wellFormed ? { file, platform, size: size as number, sha256, signed } : undefined;
}

/**
 * Reads `guest-modules.json` from the modules directory. A missing, oversized or malformed
 * manifest offers nothing; a malformed entry is left out.
 *
 * @param directory - the modules directory
 * @returns the manifest, or `undefined` when there is nothing to offer
 */
export function readOfferedManifest(directory: string): OfferedManifest | undefined {
  const path = join(directory, GUEST_MODULES_MANIFEST);
  let value: unknown;
  try {
    if (statSync(path).size > MAX_MANIFEST_BYTES) return undefined;
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { format, relayUrl, organisation, builtAt, modules } = value as Record<string, unknown>;
  if (format !== 1 || typeof relayUrl !== 'string' || typeof builtAt !== 'string' || !Array.isArray(modules)) {
    return undefined;
  }
  const offered = modules.map(offeredModule).filter((module) => module !== undefined);
  const unique = offered.filter((module, index) => offered.findIndex((other) => other.file === module.file) === index);
  if (unique.length === 0) return undefined;
  return {
    format,
    relayUrl,
    ...(typeof organisation === 'string' ? { organisation } : {}),
    builtAt,
    modules: unique,
  };
}
