import type { AuditRecord, AuditStore } from '@fernhilfe/session';
import type { OperatorLog } from './operator-log';

/** Upper bounds (seconds) of the audit write latency histogram. */
export const AUDIT_LATENCY_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] as const;

/** Sessions remembered for their duration; more open at once than this lose only their duration. */
const MAX_TRACKED_SESSIONS = 100_000;

/** A Prometheus-style histogram: cumulative counts per upper bound, plus sum and count. */
export interface LatencyHistogram {
  /** Count of observations at or below each bound of {@link AUDIT_LATENCY_BUCKETS}. */
  buckets: number[];
  /** Sum of all observations, seconds. */
  sum: number;
  /** Number of observations. */
  count: number;
}

function seconds(fromIso: string, toIso: string): number {
  return Math.max(0, Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 1000));
}

/**
 * What the relay did, from the audit records it wrote: one operator log line per event an operator
 * acts on (session created, joined, ended with reason and duration, refusals, rate-limit trips,
 * audit problems) and the counters `/metrics` shows. Lines never carry tokens or session numbers.
 */
export class RelayActivity {
  /** Join attempts by outcome: `joined`, or the refusal reason. */
  readonly joins = new Map<string, number>();
  /** Refused agent logins by reason. */
  readonly agentRefusals = new Map<string, number>();
  /** Ended sessions by reason. */
  readonly sessionsEnded = new Map<string, number>();
  /** Refusals because an address or network was rate limited (joins and agent logins). */
  rateLimitTrips = 0;
  /** Bytes forwarded in sessions that ended, each way. */
  readonly bytes = { guestToAgent: 0, agentToGuest: 0 };
  /** How long audit appends took until durable. */
  readonly auditLatency: LatencyHistogram = { buckets: AUDIT_LATENCY_BUCKETS.map(() => 0), sum: 0, count: 0 };
  /** Audit appends that failed. */
  auditFailures = 0;
  /** Requests with `X-Forwarded-For` from a peer that is not a trusted proxy. */
  untrustedForwards = 0;
  readonly #log: OperatorLog;
  readonly #created = new Map<string, string>();

  /** @param log - where the lines go */
  constructor(log: OperatorLog) {
    this.#log = log;
  }

  /**
   * Counts and logs one record the relay wrote durably.
   *
   * @param record - the record
   */
  recorded(record: AuditRecord): void {
    const log = this.#log;
    switch (record.type) {
      case 'session-created':
        if (this.#created.size < MAX_TRACKED_SESSIONS) this.#created.set(record.sessionId, record.at);
        log.write('info', record.type, `session ${record.sessionId} created by agent ${record.agent.id}`, {
          sessionId: record.sessionId,
          agentId: record.agent.id,
          address: record.agentAddress,
        });
        return;
      case 'guest-joined':
        bump(this.joins, 'joined');
        log.write('info', record.type, `session ${record.sessionId}: customer joined from ${record.guestAddress}`, {
          sessionId: record.sessionId,
          agentId: record.agent.id,
          address: record.guestAddress,
        });
        return;
      case 'session-ended': {
        bump(this.sessionsEnded, record.reason);
        this.bytes.guestToAgent += record.bytes.guestToAgent;
        this.bytes.agentToGuest += record.bytes.agentToGuest;
        const createdAt = this.#created.get(record.sessionId);
        this.#created.delete(record.sessionId);
        const duration = createdAt === undefined ? undefined : seconds(createdAt, record.at);
        const bytes = record.bytes.guestToAgent + record.bytes.agentToGuest;
        log.write(
          'info',
          record.type,
          `session ${record.sessionId} ended: ${record.reason}${record.endedBy ? ` (by ${record.endedBy})` : ''}` +
            `${duration === undefined ? '' : ` after ${duration} s`}, ${bytes} bytes forwarded`,
          {
            sessionId: record.sessionId,
            agentId: record.agent.id,
            reason: record.reason,
            endedBy: record.endedBy,
            durationSeconds: duration,
            bytesGuestToAgent: record.bytes.guestToAgent,
            bytesAgentToGuest: record.bytes.agentToGuest,
          },
        );
        return;
      }
      case 'join-refused':
        bump(this.joins, record.reason);
        this.#refusal('join', record.reason, record.guestAddress);
        return;
      case 'agent-refused':
        bump(this.agentRefusals, record.reason);
        this.#refusal('agent login', record.reason, record.agentAddress);
        return;
      default:
        // Consent and control records are the customer's decisions: audited, nothing to act on.
        return;
    }
  }

  /**
   * Logs an audit append that failed.
   *
   * @param record - what was to be written
   * @param error - why it failed
   */
  auditFailed(record: AuditRecord, error: Error): void {
    this.auditFailures++;
    this.#log.write('error', 'audit-failed', `audit: writing a ${record.type} record failed: ${error.message}`, {
      recordType: record.type,
      code: (error as { code?: string }).code,
    });
  }

  /**
   * Adds one audit write to the latency histogram.
   *
   * @param secondsTaken - from append to durable
   */
  auditWritten(secondsTaken: number): void {
    const histogram = this.auditLatency;
    histogram.count++;
    histogram.sum += secondsTaken;
    AUDIT_LATENCY_BUCKETS.forEach((bound, index) => {
      if (secondsTaken <= bound) histogram.buckets[index] = (histogram.buckets[index] ?? 0) + 1;
    });
  }

  #refusal(what: string, reason: string, address: string): void {
    const limited = reason === 'rate-limited';
    if (limited) this.rateLimitTrips++;
    this.#log.write(
      limited ? 'warn' : 'info',
      limited ? 'rate-limited' : `${what.replace(' ', '-')}-refused`,
      `${what} from ${address} refused: ${reason}`,
      {
        address,
        reason,
      },
    );
  }
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/**
 * Wraps an audit store so that every durable append is reported to `activity` (log line,
 * counters, write latency) and every failed one too; reads and `close` pass through.
 *
 * @param store - the store the relay writes
 * @param activity - what to tell
 * @param now - a monotonic clock in ms @default performance.now
 * @returns the wrapped store
 */
export function observeAuditStore(
  store: AuditStore,
  activity: RelayActivity,
  now: () => number = () => performance.now(),
): AuditStore {
  return {
    async append(record) {
      const started = now();
      try {
        await store.append(record);
      } catch (error) {
        activity.auditFailed(record, error as Error);
        throw error;
      }
      activity.auditWritten((now() - started) / 1000);
      activity.recorded(record);
    },
    readBySession: (sessionId) => store.readBySession(sessionId),
    readByTimeRange: (from, to) => store.readByTimeRange(from, to),
    verify: () => store.verify(),
    close: () => store.close(),
  };
}
