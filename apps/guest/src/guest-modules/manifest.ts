/** Platforms a guest module is built for. */
export const MODULE_PLATFORMS = ['windows-x64', 'linux-x64'] as const;

/** One of {@link MODULE_PLATFORMS}. */
export type ModulePlatform = (typeof MODULE_PLATFORMS)[number];

/** File name of each platform's module, the same for every operator (helpdesks can name it on the phone). */
export const MODULE_FILE_NAMES = {
  'windows-x64': 'Fernhilfe-Gastmodul.exe',
  'linux-x64': 'fernhilfe-gastmodul-linux-x64',
} as const satisfies Record<ModulePlatform, string>;

/** Name of the manifest beside the modules (and at `/downloads/guest-modules.json`). */
export const MANIFEST_FILE_NAME = 'guest-modules.json';

/** Version of the manifest's layout. */
export const MANIFEST_FORMAT = 1;

/** One built module as the manifest lists it. */
export interface GuestModuleEntry {
  /** File name, one of {@link MODULE_FILE_NAMES}. */
  readonly file: string;
  /** What it runs on. */
  readonly platform: ModulePlatform;
  /** Size in bytes. */
  readonly size: number;
  /** SHA-256 of the file (after signing), 64 lowercase hex digits. */
  readonly sha256: string;
  /** Whether it carries an Authenticode signature (Windows only). */
  readonly signed: boolean;
}

/** `guest-modules.json`: what a build made, for the relay and the support page. */
export interface GuestModulesManifest {
  /** {@link MANIFEST_FORMAT}. */
  readonly format: typeof MANIFEST_FORMAT;
  /** The relay address baked into every module. */
  readonly relayUrl: string;
  /** The organisation baked in, when the build named one. */
  readonly organisation?: string;
  /** When the build ran, ISO 8601 in UTC. */
  readonly builtAt: string;
  /** The modules, at most one per platform. */
  readonly modules: readonly GuestModuleEntry[];
}

function isEntry(value: unknown): value is GuestModuleEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  const platform = entry.platform as ModulePlatform;
  return (
    MODULE_PLATFORMS.includes(platform) &&
    entry.file === MODULE_FILE_NAMES[platform] &&
    Number.isSafeInteger(entry.size) &&
    (entry.size as number) > 0 &&
    typeof entry.sha256 === 'string' &&
    /^[0-9a-f]{64}$/.test(entry.sha256) &&
    typeof entry.signed === 'boolean'
  );
}

/**
 * Reads a manifest, keeping only well-formed entries with the expected file names (at most one
 * per platform). Anything that is no manifest of this format gives `undefined`: a page then
 * offers no download rather than a broken one.
 *
 * @param value - the parsed JSON
 * @returns the manifest, or `undefined`
 */
export function readGuestModulesManifest(value: unknown): GuestModulesManifest | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const manifest = value as Record<string, unknown>;
  if (manifest.format !== MANIFEST_FORMAT || !Array.isArray(manifest.modules)) return undefined;
  if (typeof manifest.relayUrl !== 'string' || typeof manifest.builtAt !== 'string') return undefined;
  const modules = MODULE_PLATFORMS.flatMap((platform) => {
    const entry = (manifest.modules as unknown[]).find(
      (candidate) => isEntry(candidate) && candidate.platform === platform,
    );
    return entry === undefined ? [] : [entry as GuestModuleEntry];
  });
  return {
    format: MANIFEST_FORMAT,
    relayUrl: manifest.relayUrl,
    ...(typeof manifest.organisation === 'string' ? { organisation: manifest.organisation } : {}),
    builtAt: manifest.builtAt,
    modules,
  };
}
