import { readFileSync } from 'node:fs';
import type { GuestConnectOptions } from '@fernhilfe/desktop';
import { openX11Desktop, X11Error } from '@fernhilfe/x11';
import { CliUsageError, type GuestCliSettings, helpText, readCliSettings } from './cli-options';
import { createGuestApp } from './guest-app';
import { createReadlineTerminal } from './terminal';
import { UI_TEXTS } from './ui-text';

/** Time the process may take to wind down after the app stopped before it is ended anyway. */
const EXIT_GRACE_MS = 3_000;

function connectOptions(settings: GuestCliSettings, ca: string | undefined): GuestConnectOptions {
  return {
    ...(settings.proxy === undefined ? {} : { proxy: settings.proxy }),
    ...(settings.noProxy === undefined ? {} : { noProxy: settings.noProxy }),
    ...(ca === undefined ? {} : { ca }),
  };
}

/**
 * The `fernhilfe-guest` command.
 *
 * @param argv - arguments after the script name
 * @param env - the environment
 * @returns the exit code: 0 normal end, 1 display unusable, 2 bad options
 */
async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  let settings: GuestCliSettings;
  try {
    settings = readCliSettings(argv, env);
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    process.stderr.write(`fernhilfe-guest: ${error.message}\nfernhilfe-guest --help\n`);
    return 2;
  }
  if (settings.help) {
    process.stdout.write(`${helpText(settings.lang)}\n`);
    return 0;
  }
  let ca: string | undefined;
  if (settings.caFile !== undefined) {
    try {
      ca = readFileSync(settings.caFile, 'utf8');
    } catch {
      process.stderr.write(`fernhilfe-guest: cannot read the CA file ${settings.caFile}\n`);
      return 2;
    }
  }
  const displayOptions = settings.display === undefined ? {} : { display: settings.display };
  try {
    await (await openX11Desktop(displayOptions)).close();
  } catch (error) {
    if (!(error instanceof X11Error)) throw error;
    process.stderr.write(`${UI_TEXTS[settings.lang].joinProblem.display} (${error.code})\n`);
    return 1;
  }

  const terminal = createReadlineTerminal(process.stdin, process.stdout);
  const app = createGuestApp({
    terminal,
    lang: settings.lang,
    relayUrl: settings.relayUrl,
    ...(settings.number === undefined ? {} : { number: settings.number }),
    connectOptions: connectOptions(settings, ca),
    openDesktop: () => openX11Desktop(displayOptions),
  });
  const terminate = () => app.terminate();
  process.on('SIGINT', () => app.interrupt());
  process.on('SIGTERM', terminate);
  process.on('SIGHUP', terminate);
  await app.run();
  terminal.close();
  return 0;
}

main(process.argv.slice(2), process.env).then(
  (code) => {
    process.exitCode = code;
    setTimeout(() => process.exit(code), EXIT_GRACE_MS).unref();
  },
  (error: unknown) => {
    process.stderr.write(`fernhilfe-guest: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
