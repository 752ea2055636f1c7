import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { closeInterruptedSessions, createMemoryRegistry } from '@fernhilfe/session';
import { createRelay, parseTrustedProxies, type Relay } from '@fernhilfe/transport/relay';
import { loadAgentTokens } from './agent-tokens';
import { openRelayAuditLog } from './audit-log';
import type { CliSettings } from './cli-options';
import { watchForwardedFor } from './forwarded-for-watch';
import { createGuestDownloads } from './guest-downloads';
import { serveMetrics } from './metrics';
import { listenMetrics, type MetricsServer } from './metrics-server';
import { createOperatorLog, type OperatorLog } from './operator-log';
import { observeAuditStore, RelayActivity } from './relay-activity';
import {
  answerClientError,
  MAX_HEADER_BYTES,
  type RequestHandler,
  refuseOtherUpgrades,
  withRequestBoundary,
} from './request-boundary';
import { FILE_SECURITY_HEADERS, pageSecurityHeaders, transportSecurityHeaders } from './security-headers';
import { createStaticSite } from './static-site';

/** A started relay process: its URLs and how to stop it. */
export interface RunningRelayServer {
  /** Where it listens, e.g. `http://localhost:8080`. */
  baseUrl: string;
  /** The URL customers and agents use: `--public-url`, else {@link RunningRelayServer.baseUrl}. */
  publicUrl: string;
  /** Token file lines without `id=` (their agent id is derived from the token). */
  tokenLinesWithoutId: number[];
  /** The operator log. */
  log: OperatorLog;
  /** The agent token generated at start (print it once), when no token was configured. */
  generatedToken: string | undefined;
  /** Sessions the audit log showed as open from a previous run, now closed as `interrupted`. */
  interrupted: number;
  /** The relay (stats). */
  relay: Relay;
  /** What the relay did: the counters behind `/metrics`. */
  activity: RelayActivity;
  /** `http://HOST:PORT/metrics` of the separate metrics address (`--metrics-listen`), if any. */
  metricsUrl: string | undefined;
  /** Ends live sessions with `relay-shutdown`, flushes and closes the audit log, closes the server. */
  close(): Promise<void>;
  /**
   * Drains (no new sessions, `/readyz` 503) until live sessions have ended or `timeoutMs` passed,
   * then does what {@link RunningRelayServer.close} does.
   */
  drain(timeoutMs: number): Promise<void>;
}

const RELAY_PATH = '/relay';

/**
 * Starts the HTTP(S) server with the relay endpoint, the two web bundles, the guest modules at
 * `/downloads/`, `/healthz`, `/metrics` (only with `settings.metrics`), and the
 * JSONL audit log (closing sessions a crash left open).
 *
 * @param settings - CLI settings
 * @returns the running server
 */
export async function startRelayServer(
  settings: CliSettings,
  log: OperatorLog = createOperatorLog(settings.logFormat),
): Promise<RunningRelayServer> {
  const tokens = await loadAgentTokens(settings);
  const audit = await openRelayAuditLog(settings.auditFile, settings.auditKeyFile, log);
  const interrupted = await closeInterruptedSessions(audit);
  const activity = new RelayActivity(log);
  const watchForwarded = watchForwardedFor(parseTrustedProxies(settings.trustedProxies), log, activity);

  const guest = createStaticSite({
    prefix: '/',
    directory: settings.staticGuest,
    title: 'The customer support page',
    buildCommand: 'npm run build -w apps/guest',
    headers: pageSecurityHeaders('guest'),
  });
  const viewer = createStaticSite({
    prefix: '/agent/',
    directory: settings.staticViewer,
    title: 'The agent console',
    buildCommand: 'npm run build -w apps/viewer',
    // The embeddable viewer: helpdesks on other origins import it (docs/embedding.md).
    crossOrigin: ['embed.js'],
    headers: pageSecurityHeaders('viewer', settings.frameAncestors),
  });
  const downloads = createGuestDownloads({
    directory: settings.guestModules,
    headers: { ...FILE_SECURITY_HEADERS, ...pageSecurityHeaders('guest') },
  });
  const tls = settings.tlsCert !== undefined && settings.tlsKey !== undefined;
  const everyAnswer = Object.entries(transportSecurityHeaders(tls));
  const routes: RequestHandler = (request, response) => {
    watchForwarded(request);
    for (const [name, value] of everyAnswer) response.setHeader(name, value);
    const pathname = (request.url ?? '/').split('?')[0];
    if (pathname === '/healthz') {
      response.writeHead(200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store' }).end('ok\n');
      return;
    }
    if (pathname === '/readyz') {
      const ready = relay.ready;
      response
        .writeHead(ready ? 200 : 503, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store' })
        .end(ready ? 'ready\n' : 'not ready\n');
      return;
    }
    if (pathname === '/metrics') {
      // Off, or on its own address: a plain 404, never the customer page's fallback.
      if (settings.metrics && settings.metricsListen === undefined) {
        serveMetrics(request, response, () => relay.stats(), activity);
      } else response.writeHead(404, { 'Content-Type': 'text/plain' }).end('metrics are off (--metrics)\n');
      return;
    }
    if (pathname === RELAY_PATH) {
      response.writeHead(426, { 'Content-Type': 'text/plain' }).end('WebSocket endpoint of the Fernhilfe relay\n');
      return;
    }
    if (downloads.handle(request, response) || viewer.handle(request, response) || guest.handle(request, response)) {
      return;
    }
    response.writeHead(404).end();
  };
  const onRequest = withRequestBoundary(routes, (line) => log.write('error', 'request-failed', line));
  const limits = { maxHeaderSize: MAX_HEADER_BYTES };
  const server: Server =
    settings.tlsCert && settings.tlsKey
      ? createHttpsServer(
          { ...limits, cert: readFileSync(settings.tlsCert), key: readFileSync(settings.tlsKey) },
          onRequest,
        )
      : createHttpServer(limits, onRequest);
  server.on('clientError', answerClientError);
  server.on('upgrade', watchForwarded);
  server.on('upgrade', refuseOtherUpgrades(RELAY_PATH));

  const relay = await createRelay({
    server,
    path: RELAY_PATH,
    audit: observeAuditStore(audit, activity),
    ...(settings.cluster
      ? { cluster: { ...settings.cluster, waitingForGuestMs: settings.sessionExpirySeconds * 1000 } }
      : { registry: createMemoryRegistry({ waitingForGuestMs: settings.sessionExpirySeconds * 1000 }) }),
    agentTokens: tokens.entries,
    trustedProxies: settings.trustedProxies,
    onError: (error) => log.write('error', 'relay-error', `relay: ${error.name}: ${error.message}`),
    onNotice: (line) => log.write('warn', 'relay-notice', `relay: ${line}`),
  });
  let metrics: MetricsServer | undefined;
  try {
    await new Promise<void>((done, fail) => {
      server.once('error', fail);
      server.listen(settings.port, settings.host, () => {
        server.off('error', fail);
        done();
      });
    });
    metrics =
      settings.metricsListen === undefined
        ? undefined
        : await listenMetrics(settings.metricsListen, () => relay.stats(), activity);
  } catch (error) {
    server.close();
    await relay.close();
    await audit.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const scheme = settings.tlsCert ? 'https' : 'http';
  const shownHost = ['0.0.0.0', '::', '127.0.0.1', '::1'].includes(settings.host) ? 'localhost' : settings.host;

  let closing: Promise<void> | undefined;
  const baseUrl = `${scheme}://${shownHost}:${port}`;
  const close = () => {
    closing ??= (async () => {
      await metrics?.close();
      await relay.close();
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
      await audit.close();
    })();
    return closing;
  };
  return {
    baseUrl,
    publicUrl: settings.publicUrl ?? baseUrl,
    tokenLinesWithoutId: tokens.withoutId,
    log,
    generatedToken: tokens.generated,
    interrupted: interrupted.length,
    relay,
    activity,
    metricsUrl: metrics?.url,
    close,
    drain: async (timeoutMs) => {
      await relay.drain(timeoutMs);
      await close();
    },
  };
}
