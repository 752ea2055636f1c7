import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Wine, WineProcess } from '../../../../scripts/wine';
import { repoDir } from './relay';

const run = promisify(execFile);

/** Proxy variables the relay client would prefer over the PC's proxy settings. */
const PROXY_VARIABLES = ['https_proxy', 'http_proxy', 'all_proxy', 'no_proxy'].flatMap((name) => [
  name,
  name.toUpperCase(),
]);

/**
 * Builds `Fernhilfe-Gastmodul.exe` for a relay with the operator's command
 * (`npm run build:guest-modules -- --relay … --org … --out … --platform windows`).
 *
 * @param relayUrl - the relay's WebSocket endpoint the module carries
 * @param org - the organisation it names
 * @param outDir - where the module and its manifest go
 * @returns the path of the `.exe`
 */
export async function buildWindowsGuestModule(relayUrl: string, org: string, outDir: string): Promise<string> {
  // biome-ignore format: one option with its value per line
  await run('npm', [
    'run', '--silent', 'build:guest-modules', '--',
    '--relay', relayUrl,
    '--org', org,
    '--out', outDir,
    '--platform', 'windows',
  ], { cwd: repoDir, timeout: 300_000, maxBuffer: 16 * 1024 * 1024 });
  return join(outDir, 'Fernhilfe-Gastmodul.exe');
}

/** Windows UI language of the customer's PC, as wine takes it from the locale variables. */
const UI_LOCALES = { de: 'de_DE.UTF-8', en: 'en_US.UTF-8' } as const;

/**
 * Starts the module under wine as a customer's PC runs it: Windows' UI language German or English
 * (`LC_ALL=de_DE.UTF-8`, which wine maps to LANGID 0x0407 even without that Linux locale), and no
 * proxy variables in its environment, so it takes the proxy from the PC's Internet settings.
 *
 * @param wine - the prefix
 * @param exe - from {@link buildWindowsGuestModule}
 * @param language - the PC's UI language
 * @returns the running module
 */
export function startWindowsGuestModule(
  wine: Wine,
  exe: string,
  language: keyof typeof UI_LOCALES = 'de',
): WineProcess {
  const env: NodeJS.ProcessEnv = { LC_ALL: UI_LOCALES[language] };
  for (const name of PROXY_VARIABLES) env[name] = undefined;
  return wine.spawn(exe, [], { env });
}
