import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseTrustedProxies } from '@fernhilfe/transport/relay';
import { CLUSTER_ARGS, CLUSTER_HELP, type ClusterSettings, readClusterSettings } from './cluster-options';
import { CliUsageError, RelayCliErrorCode } from './errors';
import type { LogFormat } from './operator-log';
import { parseFrameAncestors } from './security-headers';
import { defaultStateDirectory } from './state-dir';

/** Settings of the relay process, from command-line options and environment variables. */
export interface CliSettings {
  port: number;
  host: string;
  tokenFile: string | undefined;
  agentToken: string | undefined;
  /** Where the relay keeps its files (the audit log by default). */
  stateDir: string;
  auditFile: string;
  auditKeyFile: string | undefined;
  tlsCert: string | undefined;
  tlsKey: string | undefined;
  staticGuest: string;
  staticViewer: string;
  /** Directory of the built guest modules and their guest-modules.json, served at /downloads/. */
  guestModules: string;
  org: string;
  agentName: string;
  trustedProxies: string[];
  sessionExpirySeconds: number;
  metrics: boolean;
  /** With `--metrics-listen`: `/metrics` on this address only, not on the public port. */
  metricsListen: { host: string; port: number } | undefined;
  /** The URL customers and agents use (behind a proxy: the proxy's `https://…`), shown in the banner. */
  publicUrl: string | undefined;
  /** Operator log lines: human-readable (default) or JSON lines. */
  logFormat: LogFormat;
  /** Who may frame the agent console (CSP `frame-ancestors`), `'self'` by default. */
  frameAncestors: string[];
  help: boolean;
  /** Cluster node settings (`--redis` and friends); `undefined` for a relay on its own. */
  cluster: ClusterSettings | undefined;
  /** Seconds SIGTERM waits for live sessions to end (0: end them at once). */
  drainTimeoutSeconds: number;
}

/** A path relative to this file, in `dist` (built, installed) or `apps/relay/src` (tsx). */
function besideApps(relative: string): string {
  return fileURLToPath(new URL(relative, import.meta.url));
}

/** The first candidate bundle directory (relative to this file's build) holding an index.html, else the first. */
function defaultBundle(...candidates: string[]): string {
  const paths = candidates.map(besideApps);
  return paths.find((path) => existsSync(join(path, 'index.html'))) ?? (paths[0] as string);
}

/** The `--help` text: every option and the environment variable behind it. */
export const HELP = `fernhilfe-relay — the Fernhilfe relay: pairs agent and customer, forwards their encrypted bytes,
serves the customer page and the agent console, writes the audit log.

Usage: fernhilfe-relay [options]
       fernhilfe-relay audit verify FILE [--key-file KEY_FILE] [--anchor ANCHOR_FILE]
       fernhilfe-relay audit seal FILE [--key-file KEY_FILE]

Options (each can also be set by the environment variable in brackets; the option wins):
  --port N              port to listen on                                   [PORT]  (default 8080)
  --host HOST           address to listen on; 0.0.0.0 for all interfaces    [HOST]  (default localhost)
  --token-file FILE     agent tokens, one per line: "TOKEN id=AGENT-ID [display name]"
                        [FERNHILFE_TOKEN_FILE] (lines starting with # are ignored); the audit
                        log records AGENT-ID. Without it, one token is generated at start and
                        printed once.
  --agent-token TOKEN   use this single agent token instead of generating one [FERNHILFE_AGENT_TOKEN]
  --org NAME            organisation shown to customers                      [FERNHILFE_ORG] (default Fernhilfe)
  --agent-name NAME     agent display name for tokens without one            [FERNHILFE_AGENT_NAME] (default Support)
  --state-dir DIR       where the relay keeps its files                      [FERNHILFE_STATE_DIR]
                        (default: $STATE_DIRECTORY under systemd, else /var/lib/fernhilfe-relay
                        as root, else $XDG_STATE_HOME/fernhilfe-relay or ~/.local/state/fernhilfe-relay);
                        created 0700; refused when not writable or owned by another user
  --audit-file FILE     append-only JSONL audit log, created 0600             [FERNHILFE_AUDIT_FILE]
                        (default <state dir>/audit.jsonl)
  --audit-key-file FILE key for the audit log's HMAC chain and anchors: at   [FERNHILFE_AUDIT_KEY_FILE]
                        least 32 random bytes as hex or base64, e.g. made with
                        "openssl rand -hex 32". Without it the log only detects accidental damage.
  --tls-cert FILE       PEM certificate: serve https/wss (needs --tls-key)   [FERNHILFE_TLS_CERT]
  --tls-key FILE        PEM private key                                      [FERNHILFE_TLS_KEY]
  --static-guest DIR    customer page bundle served at /                     [FERNHILFE_STATIC_GUEST]
                        (default: the page in this package, dist/web/guest)
  --static-viewer DIR   agent console bundle served at /agent/               [FERNHILFE_STATIC_VIEWER]
                        (default: the console in this package, dist/web/agent)
  --guest-modules DIR   guest modules (npm run build:guest-modules) offered  [FERNHILFE_GUEST_MODULES]
                        at /downloads/ and on the customer page
                        (default dist/guest-modules; none there: no downloads)
  --trust-proxy ADDR    reverse proxy whose X-Forwarded-For is believed: an address (127.0.0.1,
                        ::1) or a CIDR range (127.0.0.0/8); repeatable or comma-separated
                        [FERNHILFE_TRUSTED_PROXIES]. Behind a proxy without it, all customers
                        share one rate-limit budget (the relay warns once when it sees the header)
  --public-url URL      the address customers and agents use, e.g. https://support.example.com
                        (behind a proxy); shown in the start banner            [FERNHILFE_PUBLIC_URL]
  --log-format FORMAT   human (default) or json: one JSON object per line     [FERNHILFE_LOG_FORMAT]
  --session-expiry S    seconds a new session number waits for the customer  [FERNHILFE_SESSION_EXPIRY]
                        (default 600 = 10 minutes)
  --metrics             serve counters in Prometheus text format at /metrics [FERNHILFE_METRICS=1]
                        (default off; counts only, but restrict /metrics at your proxy)
  --metrics-listen H:P  serve /metrics on this separate address only, e.g.   [FERNHILFE_METRICS_LISTEN]
                        127.0.0.1:9464 (implies --metrics; the public port then answers 404)
  --frame-ancestors SRC origins allowed to show the agent console /agent/ in a frame, space- or
                        comma-separated, e.g. https://helpdesk.example.com   [FERNHILFE_FRAME_ANCESTORS]
                        (default 'self'; the customer page is never framed by other origins)
${CLUSTER_HELP}
  -h, --help            show this help

Endpoints: /relay (WebSocket, relay protocol), /healthz (200 "ok"), /readyz (200 "ready", 503 while
draining or while the cluster's Redis is unreachable), /metrics (with --metrics, or on the
--metrics-listen address), /agent/ (agent console), /downloads/ (guest modules, when built),
/ (customer page).
Stops gracefully on SIGINT/SIGTERM: live sessions end with reason relay-shutdown, the audit log is flushed.
With a drain timeout SIGTERM first drains: no new sessions (/readyz 503), live ones may end on their own
until the timeout; a second signal ends them at once.`;

function secondsFrom(text: string): number {
  const seconds = Number(text);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 86_400) {
    throw new CliUsageError(RelayCliErrorCode.INVALID_OPTION, `invalid number of seconds (1–86400): ${text}`);
  }
  return seconds;
}

function switchFrom(text: string | undefined, name: string): boolean {
  if (text === undefined || ['0', 'false', 'no', 'off'].includes(text)) return false;
  if (['1', 'true', 'yes', 'on'].includes(text)) return true;
  throw new CliUsageError(RelayCliErrorCode.INVALID_OPTION, `${name} must be 1 or 0: ${text}`);
}

function frameAncestorsFrom(text: string): string[] {
  try {
    return parseFrameAncestors(text);
  } catch (error) {
    throw new CliUsageError(RelayCliErrorCode.INVALID_OPTION, `--frame-ancestors: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

function trustedProxiesFrom(entries: string[]): string[] {
  try {
    return [...parseTrustedProxies(entries).entries];
  } catch (error) {
    throw new CliUsageError(RelayCliErrorCode.INVALID_OPTION, `--trust-proxy: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

function publicUrlFrom(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch (error) {
    throw new CliUsageError(RelayCliErrorCode.INVALID_OPTION, `--public-url is no URL: ${text}`, { cause: error });
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.search !== '' || url.hash !== '' || url.username) {
    throw new CliUsageError(
      RelayCliErrorCode.INVALID_OPTION,
      `--public-url must be http(s)://host[:port][/path] without query or credentials: ${text}`,
    );
  }
  return url.href.replace(/\/+$/, '');
}

function metricsListenFrom(text: string | undefined): CliSettings['metricsListen'] {
  if (text === undefined) return undefined;
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(text);
  const host = match?.[1] ?? match?.[2];
  if (match === null || host === undefined) {
    throw new CliUsageError(
      RelayCliErrorCode.INVALID_OPTION,
      `--metrics-listen must be HOST:PORT, e.g. 127.0.0.1:9464: ${text}`,
    );
  }
  return { host, port: portFrom(match[3] as string) };
}

function logFormatFrom(text: string): LogFormat {
  if (text === 'human' || text === 'json') return text;
  throw new CliUsageError(RelayCliErrorCode.INVALID_OPTION, `--log-format must be human or json: ${text}`);
}

function portFrom(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new CliUsageError(RelayCliErrorCode.INVALID_OPTION, `invalid port: ${text}`);
  return port;
}

/**
 * Reads the settings from `argv` and `env`.
 *
 * @param argv - arguments after the script name
 * @param env - environment
 * @returns the settings
 * @throws {@link CliUsageError} for unknown options or bad values
 */
export function readSettings(argv: string[], env: NodeJS.ProcessEnv): CliSettings {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new CliUsageError(RelayCliErrorCode.INVALID_OPTION, (error as Error).message, { cause: error });
  }
  const { values } = parsed;
  const pick = (option: string | undefined, name: string) => option ?? (env[name] === '' ? undefined : env[name]);
  const stateDir = resolve(pick(values['state-dir'], 'FERNHILFE_STATE_DIR') ?? defaultStateDirectory(env));
  const settings: CliSettings = {
    port: portFrom(pick(values.port, 'PORT') ?? '8080'),
    host: pick(values.host, 'HOST') ?? 'localhost',
    tokenFile: pick(values['token-file'], 'FERNHILFE_TOKEN_FILE'),
    agentToken: pick(values['agent-token'], 'FERNHILFE_AGENT_TOKEN'),
    stateDir,
    auditFile: resolve(pick(values['audit-file'], 'FERNHILFE_AUDIT_FILE') ?? join(stateDir, 'audit.jsonl')),
    auditKeyFile: pick(values['audit-key-file'], 'FERNHILFE_AUDIT_KEY_FILE'),
    tlsCert: pick(values['tls-cert'], 'FERNHILFE_TLS_CERT'),
    tlsKey: pick(values['tls-key'], 'FERNHILFE_TLS_KEY'),
    staticGuest:
      pick(values['static-guest'], 'FERNHILFE_STATIC_GUEST') ?? defaultBundle('./web/guest', '../../guest/dist/web'),
    staticViewer:
      pick(values['static-viewer'], 'FERNHILFE_STATIC_VIEWER') ??
      defaultBundle('./web/agent', '../../viewer/dist/web', '../../viewer/dist'),
    guestModules: pick(values['guest-modules'], 'FERNHILFE_GUEST_MODULES') ?? besideApps('../../../dist/guest-modules'),
    org: pick(values.org, 'FERNHILFE_ORG') ?? 'Fernhilfe',
    agentName: pick(values['agent-name'], 'FERNHILFE_AGENT_NAME') ?? 'Support',
    trustedProxies: trustedProxiesFrom(
      (values['trust-proxy'] ?? [env.FERNHILFE_TRUSTED_PROXIES ?? ''])
        .flatMap((entry) => entry.split(','))
        .map((entry) => entry.trim())
        .filter((entry) => entry !== ''),
    ),
    sessionExpirySeconds: secondsFrom(pick(values['session-expiry'], 'FERNHILFE_SESSION_EXPIRY') ?? '600'),
    metrics: values.metrics === true || switchFrom(pick(undefined, 'FERNHILFE_METRICS'), 'FERNHILFE_METRICS'),
    metricsListen: metricsListenFrom(pick(values['metrics-listen'], 'FERNHILFE_METRICS_LISTEN')),
    publicUrl: publicUrlFrom(pick(values['public-url'], 'FERNHILFE_PUBLIC_URL')),
    logFormat: logFormatFrom(pick(values['log-format'], 'FERNHILFE_LOG_FORMAT') ?? 'human'),
    frameAncestors: frameAncestorsFrom(pick(values['frame-ancestors'], 'FERNHILFE_FRAME_ANCESTORS') ?? "'self'"),
    help: values.help ?? false,
    cluster: undefined,
    drainTimeoutSeconds: 0,
  };
  Object.assign(settings, readClusterSettings(values, pick, env, settings.port));
  if ((settings.tlsCert === undefined) !== (settings.tlsKey === undefined)) {
    throw new CliUsageError(RelayCliErrorCode.CONFLICTING_OPTIONS, '--tls-cert and --tls-key go together');
  }
  if (settings.tokenFile !== undefined && settings.agentToken !== undefined) {
    throw new CliUsageError(RelayCliErrorCode.CONFLICTING_OPTIONS, 'give either --token-file or --agent-token');
  }
  return settings;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'token-file': { type: 'string' },
      'agent-token': { type: 'string' },
      org: { type: 'string' },
      'agent-name': { type: 'string' },
      'state-dir': { type: 'string' },
      'audit-file': { type: 'string' },
      'audit-key-file': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'static-guest': { type: 'string' },
      'static-viewer': { type: 'string' },
      'guest-modules': { type: 'string' },
      'trust-proxy': { type: 'string', multiple: true },
      'session-expiry': { type: 'string' },
      metrics: { type: 'boolean' },
      'public-url': { type: 'string' },
      'metrics-listen': { type: 'string' },
      'log-format': { type: 'string' },
      'frame-ancestors': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      ...CLUSTER_ARGS,
    },
  });
}
