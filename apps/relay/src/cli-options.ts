import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CLUSTER_ARGS, CLUSTER_HELP, type ClusterSettings, readClusterSettings } from './cluster-options';
import { CliUsageError, RelayCliErrorCode } from './errors';
import { parseFrameAncestors } from './security-headers';

/** Settings of the relay process, from command-line options and environment variables. */
export interface CliSettings {
  port: number;
  host: string;
  tokenFile: string | undefined;
  agentToken: string | undefined;
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
  /** Who may frame the agent console (CSP `frame-ancestors`), `'self'` by default. */
  frameAncestors: string[];
  help: boolean;
  /** Cluster node settings (`--redis` and friends); `undefined` for a relay on its own. */
  cluster: ClusterSettings | undefined;
  /** Seconds SIGTERM waits for live sessions to end (0: end them at once). */
  drainTimeoutSeconds: number;
}

/** A path relative to this file, in `apps/relay/dist` (built) or `apps/relay/src` (tsx). */
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

Options (each can also be set by the environment variable in brackets; the option wins):
  --port N              port to listen on                                   [PORT]  (default 8080)
  --host HOST           address to listen on; 0.0.0.0 for all interfaces    [HOST]  (default localhost)
  --token-file FILE     agent tokens, one per line: "TOKEN [display name]"  [FERNHILFE_TOKEN_FILE]
                        (lines starting with # are ignored). Without it, one token is generated
                        at start and printed once.
  --agent-token TOKEN   use this single agent token instead of generating one [FERNHILFE_AGENT_TOKEN]
  --org NAME            organisation shown to customers                      [FERNHILFE_ORG] (default Fernhilfe)
  --agent-name NAME     agent display name for tokens without one            [FERNHILFE_AGENT_NAME] (default Support)
  --audit-file FILE     append-only JSONL audit log                          [FERNHILFE_AUDIT_FILE]
                        (default ./data/audit.jsonl)
  --audit-key-file FILE key for the audit log's HMAC chain and anchors: at   [FERNHILFE_AUDIT_KEY_FILE]
                        least 32 random bytes as hex or base64, e.g. made with
                        "openssl rand -hex 32". Without it the log only detects accidental damage.
  --tls-cert FILE       PEM certificate: serve https/wss (needs --tls-key)   [FERNHILFE_TLS_CERT]
  --tls-key FILE        PEM private key                                      [FERNHILFE_TLS_KEY]
  --static-guest DIR    customer page bundle served at /                     [FERNHILFE_STATIC_GUEST]
                        (default apps/guest/dist/web)
  --static-viewer DIR   agent console bundle served at /agent/               [FERNHILFE_STATIC_VIEWER]
                        (default apps/viewer/dist/web, else apps/viewer/dist)
  --guest-modules DIR   guest modules (npm run build:guest-modules) offered  [FERNHILFE_GUEST_MODULES]
                        at /downloads/ and on the customer page
                        (default dist/guest-modules; none there: no downloads)
  --trust-proxy ADDR    reverse proxy whose X-Forwarded-For is believed; repeatable or
                        comma-separated                                      [FERNHILFE_TRUSTED_PROXIES]
  --session-expiry S    seconds a new session number waits for the customer  [FERNHILFE_SESSION_EXPIRY]
                        (default 600 = 10 minutes)
  --metrics             serve counters in Prometheus text format at /metrics [FERNHILFE_METRICS=1]
                        (default off; counts only, but restrict /metrics at your proxy)
  --frame-ancestors SRC origins allowed to show the agent console /agent/ in a frame, space- or
                        comma-separated, e.g. https://helpdesk.example.com   [FERNHILFE_FRAME_ANCESTORS]
                        (default 'self'; the customer page is never framed by other origins)
${CLUSTER_HELP}
  -h, --help            show this help

Endpoints: /relay (WebSocket, relay protocol), /healthz (200 "ok"), /readyz (200 "ready", 503 while
draining or while the cluster's Redis is unreachable), /metrics (with --metrics), /agent/ (agent
console), /downloads/ (guest modules, when built), / (customer page).
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
  const settings: CliSettings = {
    port: portFrom(pick(values.port, 'PORT') ?? '8080'),
    host: pick(values.host, 'HOST') ?? 'localhost',
    tokenFile: pick(values['token-file'], 'FERNHILFE_TOKEN_FILE'),
    agentToken: pick(values['agent-token'], 'FERNHILFE_AGENT_TOKEN'),
    auditFile: pick(values['audit-file'], 'FERNHILFE_AUDIT_FILE') ?? './data/audit.jsonl',
    auditKeyFile: pick(values['audit-key-file'], 'FERNHILFE_AUDIT_KEY_FILE'),
    tlsCert: pick(values['tls-cert'], 'FERNHILFE_TLS_CERT'),
    tlsKey: pick(values['tls-key'], 'FERNHILFE_TLS_KEY'),
    staticGuest: pick(values['static-guest'], 'FERNHILFE_STATIC_GUEST') ?? defaultBundle('../../guest/dist/web'),
    staticViewer:
      pick(values['static-viewer'], 'FERNHILFE_STATIC_VIEWER') ??
      defaultBundle('../../viewer/dist/web', '../../viewer/dist'),
    guestModules: pick(values['guest-modules'], 'FERNHILFE_GUEST_MODULES') ?? besideApps('../../../dist/guest-modules'),
    org: pick(values.org, 'FERNHILFE_ORG') ?? 'Fernhilfe',
    agentName: pick(values['agent-name'], 'FERNHILFE_AGENT_NAME') ?? 'Support',
    trustedProxies: (values['trust-proxy'] ?? [env.FERNHILFE_TRUSTED_PROXIES ?? ''])
      .flatMap((entry) => entry.split(','))
      .map((entry) => entry.trim())
      .filter((entry) => entry !== ''),
    sessionExpirySeconds: secondsFrom(pick(values['session-expiry'], 'FERNHILFE_SESSION_EXPIRY') ?? '600'),
    metrics: values.metrics === true || switchFrom(pick(undefined, 'FERNHILFE_METRICS'), 'FERNHILFE_METRICS'),
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
      'frame-ancestors': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      ...CLUSTER_ARGS,
    },
  });
}
