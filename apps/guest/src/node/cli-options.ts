import { parseArgs } from 'node:util';
import { GuestError, GuestErrorCode } from '../errors';
import { languageFromEnv } from './ui-render';
import type { Lang } from './ui-text';

/** Relay endpoint used when neither `--relay` nor `FERNHILFE_RELAY` is given. */
export const DEFAULT_RELAY_URL = 'ws://localhost:8080/relay';

/** Settings of the `fernhilfe-guest` command, from options and environment. */
export interface GuestCliSettings {
  /** Relay WebSocket URL. */
  relayUrl: string;
  /** X display name; `undefined` means `$DISPLAY`. */
  display: string | undefined;
  /** UI language. */
  lang: Lang;
  /** Session number for the first session. */
  number: string | undefined;
  /** Proxy URL, `false` for none, `undefined` for the environment (`HTTPS_PROXY`, …). */
  proxy: string | false | undefined;
  /** Hosts that bypass the proxy (`NO_PROXY` syntax). */
  noProxy: string | undefined;
  /** PEM file with extra CA certificates for a self-hosted relay. */
  caFile: string | undefined;
  /** Print the help and exit. */
  help: boolean;
}

/** A command-line option that makes no sense (`GUEST_CLI_INVALID_OPTION`); the CLI prints it with a hint and exits 2. */
export class CliUsageError extends GuestError {
  /** @param message - what to tell the user (not for matching) */
  constructor(message: string) {
    super(GuestErrorCode.CLI_INVALID_OPTION, message);
    this.name = 'CliUsageError';
  }
}

/**
 * The `--help` text.
 *
 * @param lang - language of the text
 * @returns the help
 */
export function helpText(lang: Lang): string {
  if (lang === 'de') {
    return `fernhilfe-guest — Fernhilfe für diesen Linux-Desktop (X11): Ihr Mitarbeiter sieht Ihren Bildschirm
und darf, wenn Sie es erlauben, Maus und Tastatur steuern.

Aufruf: fernhilfe-guest [Optionen]

  --relay URL      Fernhilfe-Server (wss://…/relay)          [FERNHILFE_RELAY] (Vorgabe ${DEFAULT_RELAY_URL})
  --number N       Sitzungsnummer gleich mitgeben (sonst wird gefragt)
  --display NAME   X-Display, z. B. :0                        [DISPLAY]
  --lang de|en     Sprache                                    [LC_ALL, LANG]
  --proxy URL      HTTP-Proxy, z. B. http://proxy:3128; "none" für keinen
                                                              [HTTPS_PROXY, HTTP_PROXY, ALL_PROXY]
  --no-proxy LIST  Ziele ohne Proxy                           [NO_PROXY]
  --ca DATEI       zusätzliche CA-Zertifikate (PEM) für einen selbst betriebenen Server
  -h, --help       diese Hilfe

Während der Sitzung: "b" + Enter oder Strg+C beendet sie, "z" + Enter nimmt die Steuerung zurück.
Proxy-Zugangsdaten werden bei Bedarf abgefragt und nie gespeichert.`;
  }
  return `fernhilfe-guest — Fernhilfe remote support for this Linux desktop (X11): your agent sees your screen
and, if you allow it, controls mouse and keyboard.

Usage: fernhilfe-guest [options]

  --relay URL      Fernhilfe server (wss://…/relay)           [FERNHILFE_RELAY] (default ${DEFAULT_RELAY_URL})
  --number N       give the session number right away (else you are asked)
  --display NAME   X display, e.g. :0                         [DISPLAY]
  --lang de|en     language                                   [LC_ALL, LANG]
  --proxy URL      HTTP proxy, e.g. http://proxy:3128; "none" for none
                                                              [HTTPS_PROXY, HTTP_PROXY, ALL_PROXY]
  --no-proxy LIST  destinations without proxy                 [NO_PROXY]
  --ca FILE        extra CA certificates (PEM) for a self-hosted server
  -h, --help       this help

During a session: "q" + Enter or Ctrl+C ends it, "t" + Enter takes control back.
Proxy credentials are asked for when needed and never stored.`;
}

function checkRelayUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new CliUsageError(`invalid relay URL: ${text}`);
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    throw new CliUsageError(`the relay URL must start with ws:// or wss://: ${text}`);
  }
  return url.href;
}

/**
 * Reads the settings from arguments and environment; options win over the environment.
 *
 * @param argv - arguments after the script name
 * @param env - the environment
 * @returns the settings
 * @throws {@link CliUsageError} for unknown options or bad values
 */
export function readCliSettings(argv: string[], env: Readonly<Record<string, string | undefined>>): GuestCliSettings {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        relay: { type: 'string' },
        number: { type: 'string' },
        display: { type: 'string' },
        lang: { type: 'string' },
        proxy: { type: 'string' },
        'no-proxy': { type: 'string' },
        ca: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
  const lang = (values.lang as string | undefined) ?? languageFromEnv(env);
  if (lang !== 'de' && lang !== 'en') throw new CliUsageError(`--lang must be de or en, not ${lang}`);
  const proxyText = values.proxy as string | undefined;
  const proxy = proxyText === undefined ? undefined : proxyText === 'none' ? false : proxyText;
  return {
    relayUrl: checkRelayUrl((values.relay as string | undefined) ?? env.FERNHILFE_RELAY ?? DEFAULT_RELAY_URL),
    display: values.display as string | undefined,
    lang,
    number: values.number as string | undefined,
    proxy,
    noProxy: values['no-proxy'] as string | undefined,
    caFile: values.ca as string | undefined,
    help: values.help === true,
  };
}
