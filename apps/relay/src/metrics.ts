import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JoinRateLimiterStats } from '@fernhilfe/session';
import type { RelayStats } from '@fernhilfe/transport/relay';
import { AUDIT_LATENCY_BUCKETS, type RelayActivity } from './relay-activity';

type Sample = [labels: Record<string, string>, value: number];

function family(name: string, type: 'gauge' | 'counter', help: string, samples: Sample[]): string {
  const lines = [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`];
  for (const [labels, value] of samples) {
    const text = Object.entries(labels)
      .map(([key, label]) => `${key}="${label}"`)
      .join(',');
    lines.push(`${name}${text === '' ? '' : `{${text}}`} ${value}`);
  }
  return lines.join('\n');
}

function perLimiter(
  limiters: Record<string, JoinRateLimiterStats>,
  pick: (stats: JoinRateLimiterStats) => Array<[Record<string, string>, number]>,
): Sample[] {
  return Object.entries(limiters).flatMap(([limiter, stats]) =>
    pick(stats).map(([labels, value]): Sample => [{ limiter, ...labels }, value]),
  );
}

/** One value per limiter: name, type, help, and where the value comes from. */
const LIMITER_GAUGES: Array<[string, 'gauge' | 'counter', string, (stats: JoinRateLimiterStats) => number]> = [
  [
    'fernhilfe_rate_limit_wave',
    'gauge',
    '1 while a guessing wave is on (the global failure budget is used up).',
    (s) => (s.wave ? 1 : 0),
  ],
  ['fernhilfe_rate_limit_waves_total', 'counter', 'Guessing waves started.', (s) => s.wavesStarted],
  [
    'fernhilfe_rate_limit_tracked_addresses',
    'gauge',
    'Addresses (IPv4, IPv6 /64) with a failure record.',
    (s) => s.trackedIps,
  ],
  [
    'fernhilfe_rate_limit_tracked_networks',
    'gauge',
    'Networks (IPv4 /24, IPv6 /48) with a failure record.',
    (s) => s.trackedPrefixes,
  ],
  [
    'fernhilfe_rate_limit_untracked_failures_total',
    'counter',
    'Failures a full table could not attribute (every entry still held a penalty).',
    (s) => s.untrackedFailures,
  ],
];

const byLabel = (label: string, counts: ReadonlyMap<string, number>, always: readonly string[]): Sample[] => {
  const keys = [...new Set([...always, ...counts.keys()])];
  return keys.map((key): Sample => [{ [label]: key }, counts.get(key) ?? 0]);
};

const JOIN_OUTCOMES = ['joined', 'unknown', 'expired', 'taken', 'malformed', 'rate-limited'] as const;

/** The families counted from what the relay wrote to the audit log. */
function activityFamilies(activity: RelayActivity): string[] {
  const latency = activity.auditLatency;
  const histogram = [
    '# HELP fernhilfe_audit_write_seconds Time from an audit append to its fsync.',
    '# TYPE fernhilfe_audit_write_seconds histogram',
    ...AUDIT_LATENCY_BUCKETS.map(
      (bound, index) => `fernhilfe_audit_write_seconds_bucket{le="${bound}"} ${latency.buckets[index] ?? 0}`,
    ),
    `fernhilfe_audit_write_seconds_bucket{le="+Inf"} ${latency.count}`,
    `fernhilfe_audit_write_seconds_sum ${latency.sum}`,
    `fernhilfe_audit_write_seconds_count ${latency.count}`,
  ].join('\n');
  return [
    family(
      'fernhilfe_joins_total',
      'counter',
      'Join attempts by outcome: joined, or why refused.',
      byLabel('outcome', activity.joins, JOIN_OUTCOMES),
    ),
    family(
      'fernhilfe_agent_refusals_total',
      'counter',
      'Refused agent logins by reason.',
      byLabel('reason', activity.agentRefusals, ['unauthorized', 'rate-limited']),
    ),
    family(
      'fernhilfe_sessions_ended_total',
      'counter',
      'Ended sessions by end reason.',
      byLabel('reason', activity.sessionsEnded, []),
    ),
    family('fernhilfe_rate_limit_trips_total', 'counter', 'Joins and agent logins refused as rate-limited.', [
      [{}, activity.rateLimitTrips],
    ]),
    family('fernhilfe_forwarded_bytes_total', 'counter', 'Bytes forwarded in ended sessions, by direction.', [
      [{ direction: 'guest-to-agent' }, activity.bytes.guestToAgent],
      [{ direction: 'agent-to-guest' }, activity.bytes.agentToGuest],
    ]),
    histogram,
    family('fernhilfe_audit_write_failures_total', 'counter', 'Audit appends that failed.', [
      [{}, activity.auditFailures],
    ]),
    family(
      'fernhilfe_untrusted_forwarded_for_total',
      'counter',
      'Requests with X-Forwarded-For from a peer that is no trusted proxy.',
      [[{}, activity.untrustedForwards]],
    ),
  ];
}

/**
 * The relay's counters in the Prometheus text exposition format (version 0.0.4). Only counts:
 * no addresses, numbers or tokens.
 *
 * @param stats - `relay.stats()`
 * @param activity - the counters from the audit records, when the relay keeps them
 * @returns the exposition text, ending in a newline
 */
export function formatMetrics(stats: RelayStats, activity?: RelayActivity): string {
  const limiters = { joins: stats.rateLimits.joins, 'agent-tokens': stats.rateLimits.agentTokens };
  const families = [
    family('fernhilfe_relay_connections', 'gauge', 'Open WebSocket connections.', [[{}, stats.connections]]),
    family('fernhilfe_relay_live_sessions', 'gauge', 'Paired sessions.', [[{}, stats.liveSessions]]),
    family('fernhilfe_relay_waiting_sessions', 'gauge', 'Session numbers waiting for a guest.', [
      [{}, stats.waitingSessions],
    ]),
    family(
      'fernhilfe_relay_bridged_sessions',
      'gauge',
      'Guests on this node bridged to the node hosting their session (cluster).',
      [[{}, stats.bridgedSessions]],
    ),
    family('fernhilfe_relay_draining', 'gauge', '1 while the node drains: no new sessions, live ones go on.', [
      [{}, stats.draining ? 1 : 0],
    ]),
    family('fernhilfe_relay_buffered_bytes', 'gauge', 'Bytes buffered towards peers.', [[{}, stats.bufferedBytes]]),
    family('fernhilfe_relay_ignored_reports_total', 'counter', 'Guest reports over the per-session limit.', [
      [{}, stats.ignoredReports],
    ]),
    family(
      'fernhilfe_rate_limit_failures_total',
      'counter',
      'Failed joins (wrong numbers) and agent tokens, by reason.',
      perLimiter(limiters, (s) => Object.entries(s.failures).map(([reason, n]) => [{ reason }, n])),
    ),
    family(
      'fernhilfe_rate_limit_refusals_total',
      'counter',
      'Attempts refused by an address or network limit, by rule.',
      perLimiter(limiters, (s) => Object.entries(s.refusals).map(([rule, n]) => [{ rule }, n])),
    ),
    ...LIMITER_GAUGES.map(([name, type, help, pick]) =>
      family(
        name,
        type,
        help,
        perLimiter(limiters, (stats) => [[{}, pick(stats)]]),
      ),
    ),
    ...(activity === undefined ? [] : activityFamilies(activity)),
  ];
  return `${families.join('\n')}\n`;
}

/**
 * Answers `GET /metrics` (and `HEAD`) with {@link formatMetrics}; other methods get 405.
 *
 * @param request - the request
 * @param response - its response
 * @param stats - reads the relay's counters
 * @param activity - the counters from the audit records
 */
export function serveMetrics(
  request: IncomingMessage,
  response: ServerResponse,
  stats: () => RelayStats,
  activity?: RelayActivity,
): void {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  const body = formatMetrics(stats(), activity);
  response.writeHead(200, {
    'Content-Type': 'text/plain; version=0.0.4; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(body),
  });
  response.end(request.method === 'HEAD' ? undefined : body);
}
