import { accessSync, constants } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { GuestError } from '../../src/errors';
import { type BakedConfig, bakedConfig } from '../../src/exe/baked-config';
import { MODULE_PLATFORMS, type ModulePlatform } from '../../src/guest-modules/manifest';

/**
 * Where the modules go unless `--out` says otherwise (`dist/guest-modules` at the repository
 * root); the relay looks there by default. Not inside a package's `dist/`: each package build
 * (tsup `clean`, nx cache restores) empties that.
 */
export const DEFAULT_OUT_DIR = fileURLToPath(new URL('../../../../dist/guest-modules', import.meta.url));

/** The Authenticode certificate to sign the Windows module with. */
export interface SigningOptions {
  /** PKCS#12 file (`.pfx` / `.p12`) with the certificate, its chain and private key. */
  readonly pkcs12: string;
  /** File holding the PKCS#12 password, when it has one. */
  readonly passwordFile?: string;
  /** RFC 3161 time-stamping service, so the signature outlives the certificate. */
  readonly timestampUrl?: string;
}

/** What one run of the module build makes. */
export interface ModuleBuildOptions {
  /** What every module carries: relay address and organisation. */
  readonly config: BakedConfig;
  /** Output directory. */
  readonly outDir: string;
  /** Platforms to build, in order. */
  readonly platforms: readonly ModulePlatform[];
  /** Signing of the Windows module; unsigned without. */
  readonly signing?: SigningOptions;
}

/** A command-line option that makes no sense; the command prints it with the usage and exits 2. */
export class ModuleUsageError extends Error {
  override name = 'ModuleUsageError';
}

/** The usage text. */
export const MODULE_BUILD_USAGE = `npm run build:guest-modules -- --relay wss://support.example.com/relay [options]

Builds the one-file guest modules with the relay address baked in:
  Fernhilfe-Gastmodul.exe (Windows x64), fernhilfe-gastmodul-linux-x64 (Linux x64), guest-modules.json

  --relay URL                 the relay's WebSocket endpoint, ws:// or wss:// with its path (required)
  --org NAME                  organisation name carried by the modules
  --out DIR                   output directory (default dist/guest-modules, where the relay looks)
  --platform LIST             windows, linux or both, comma-separated (default windows,linux)
  --cert FILE                 PKCS#12 (.pfx) code-signing certificate: sign the Windows module (Authenticode)
  --cert-password-file FILE   file with the PKCS#12 password
  --timestamp-url URL         RFC 3161 time-stamping service for the signature
  -h, --help                  this help`;

const PLATFORM_NAMES: Readonly<Record<string, ModulePlatform>> = { windows: 'windows-x64', linux: 'linux-x64' };

function readable(path: string, what: string): string {
  const full = resolve(path);
  try {
    accessSync(full, constants.R_OK);
  } catch {
    throw new ModuleUsageError(`${what} ${path} cannot be read`);
  }
  return full;
}

function platformsFrom(text: string): ModulePlatform[] {
  const names = text.split(',').map((name) => name.trim().toLowerCase());
  const platforms = names.map((name) => {
    const platform = PLATFORM_NAMES[name];
    if (platform === undefined) throw new ModuleUsageError(`--platform takes windows and/or linux, not "${name}"`);
    return platform;
  });
  return MODULE_PLATFORMS.filter((platform) => platforms.includes(platform));
}

function timestampUrlFrom(text: string): string {
  try {
    const url = new URL(text);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
  } catch {}
  throw new ModuleUsageError(`--timestamp-url must be an http(s) URL: ${text}`);
}

function signingFrom(values: Record<string, string | boolean | undefined>): SigningOptions | undefined {
  const cert = values.cert as string | undefined;
  const passwordFile = values['cert-password-file'] as string | undefined;
  const timestampUrl = values['timestamp-url'] as string | undefined;
  if (cert === undefined) {
    if (passwordFile !== undefined || timestampUrl !== undefined) {
      throw new ModuleUsageError('--cert-password-file and --timestamp-url need --cert');
    }
    return undefined;
  }
  return {
    pkcs12: readable(cert, 'the certificate'),
    ...(passwordFile === undefined ? {} : { passwordFile: readable(passwordFile, 'the password file') }),
    ...(timestampUrl === undefined ? {} : { timestampUrl: timestampUrlFrom(timestampUrl) }),
  };
}

/**
 * Reads the command line of the module build.
 *
 * @param argv - arguments after the script name
 * @returns the options, or `'help'` for `--help`
 * @throws {@link ModuleUsageError} for a missing or bad `--relay`, unknown options and unreadable files
 */
export function readModuleBuildOptions(argv: readonly string[]): ModuleBuildOptions | 'help' {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        relay: { type: 'string' },
        org: { type: 'string' },
        out: { type: 'string' },
        platform: { type: 'string' },
        cert: { type: 'string' },
        'cert-password-file': { type: 'string' },
        'timestamp-url': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new ModuleUsageError((error as Error).message);
  }
  if (values.help === true) return 'help';
  if (typeof values.relay !== 'string') {
    throw new ModuleUsageError('--relay is required, e.g. --relay wss://support.example.com/relay');
  }
  let config: BakedConfig;
  try {
    config = bakedConfig(values.relay, values.org as string | undefined);
  } catch (error) {
    if (!(error instanceof GuestError)) throw error;
    throw new ModuleUsageError(`--relay/--org: ${error.message}`);
  }
  const platforms = platformsFrom((values.platform as string | undefined) ?? 'windows,linux');
  const signing = signingFrom(values);
  if (signing !== undefined && !platforms.includes('windows-x64')) {
    throw new ModuleUsageError('--cert signs the Windows module, which this build does not make');
  }
  return {
    config,
    outDir: resolve((values.out as string | undefined) ?? DEFAULT_OUT_DIR),
    platforms,
    ...(signing === undefined ? {} : { signing }),
  };
}
