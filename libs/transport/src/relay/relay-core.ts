import {
  type AuditRecord,
  type AuditStore,
  type ClaimFailure,
  type JoinFailureReason,
  type JoinRateLimiter,
  parseSessionNumber,
  type SessionRecord,
  type SessionRegistry,
} from '@fernhilfe/session';
import { NORMAL_CLOSE_CODE, ProtocolError, TransportCloseCode, TransportError, TransportErrorCode } from '#errors';
import type { Connection, ConnectionMessage } from '../connection';
import { encodeControlMessage, parsePeerMessage } from '../control-message-codec';
import {
  MAX_CONTROL_MESSAGE_BYTES,
  type PeerToRelayMessage,
  RELAY_SUBPROTOCOL,
  type RelayEndReason,
  type RelayWireError,
  type ReportMessage,
} from '../protocol';
import type { VerifiedAgent, VerifyAgent } from './agent-auth';
import { GuessingWaveNotices } from './guessing-wave-notices';
import { LiveSession } from './live-session';
import type { RelayLimits } from './options';

/** A created session whose agent waits for a guest. */
interface WaitingAgent {
  record: SessionRecord;
  connection: Connection;
}

/** What the core needs of a cluster node (see `startClusterNode`); absent on a single relay. */
export interface RelayCoreCluster {
  /** This node's id: stamped on every audit record; sessions whose `host` differs are bridged. */
  nodeId: string;
  /**
   * Bridges a guest who claimed a session hosted by another node.
   * @returns the bridge (`ended` resolves when both sides closed), or `undefined` when the host is gone or unreachable
   */
  bridge(record: SessionRecord, guest: Connection, guestAddress: string): Promise<{ ended: Promise<void> } | undefined>;
}

/** What the relay core needs from its surroundings. */
export interface RelayCoreDeps {
  /** Session registry. */
  registry: SessionRegistry;
  /** Rate limiter of joins (number guessing). */
  rateLimiter: JoinRateLimiter;
  /** Rate limiter of agent tokens: a separate budget, so a mistyped token never blocks customers. */
  agentRateLimiter: JoinRateLimiter;
  /** Audit store. */
  audit: AuditStore;
  /** Token check. */
  verifyAgent: VerifyAgent;
  /** Resolved limits. */
  limits: RelayLimits;
  /** Where failures without a peer to tell go. */
  onError: (error: Error) => void;
  /** Where lines for the operator go that are no error: a guessing wave started or ended. */
  onNotice: (message: string) => void;
  /** Milliseconds since the epoch: dates the audit records and spaces the guessing-wave lines. */
  clock: () => number;
  /** The cluster node, in cluster mode. */
  cluster?: RelayCoreCluster;
}

/** Retry hint sent with `unavailable` while the cluster store is unreachable. */
const UNAVAILABLE_RETRY_MS = 2_000;

/** Failure reasons that say only "no such number": during a guessing wave they are answered `rate-limited`. */
const GUESSED: ReadonlySet<JoinFailureReason> = new Set(['unknown', 'malformed']);

const WIRE_FOR_CLAIM: Record<ClaimFailure, RelayWireError> = {
  unknown: 'unknown-number',
  expired: 'expired',
  taken: 'already-taken',
};

/**
 * The relay's logic without any HTTP: handles each peer connection from hello to pairing, keeps
 * waiting agents and live sessions, expires numbers, writes the audit trail and shuts down.
 */
export class RelayCore {
  readonly #waiting = new Map<string, WaitingAgent>();
  readonly #live = new Set<LiveSession>();
  readonly #pending = new Set<Promise<unknown>>();
  readonly #sweeper: ReturnType<typeof setInterval>;
  #shuttingDown = false;
  #reportsIgnored = 0;
  #bridged = 0;
  readonly #waves: GuessingWaveNotices;
  readonly #deps: RelayCoreDeps;

  /** @param deps - registry, limiters, audit store, token check, limits, clock and where errors and notices go */
  constructor(deps: RelayCoreDeps) {
    this.#deps = deps;
    this.#waves = new GuessingWaveNotices(
      deps.onNotice,
      { joins: deps.rateLimiter, 'agent tokens': deps.agentRateLimiter },
      deps.clock,
    );
    this.#sweeper = setInterval(() => {
      this.#waves.poll();
      this.#track(
        this.#expire().catch((error: TransportError) => {
          if (error.code !== TransportErrorCode.RELAY_UNAVAILABLE) this.#deps.onError(error);
        }),
      );
    }, deps.limits.expirySweepMs);
    this.#sweeper.unref();
  }

  /** Sessions currently paired. */
  get liveSessions(): number {
    return this.#live.size;
  }

  /** Bytes buffered by the relay towards peers, over all live sessions. */
  get bufferedBytes(): number {
    let total = 0;
    for (const session of this.#live) total += session.bufferedBytes;
    return total;
  }

  /** Guest reports ignored since start because their session had reached `maxReportsPerSession`. */
  get ignoredReports(): number {
    let total = this.#reportsIgnored;
    for (const session of this.#live) total += session.ignoredReports;
    return total;
  }

  /** Sessions waiting for a guest. */
  get waitingSessions(): number {
    return this.#waiting.size;
  }

  /** @returns the records of the sessions waiting for a guest */
  waitingRecords(): SessionRecord[] {
    return [...this.#waiting.values()].map((slot) => slot.record);
  }

  /** Guests of this node bridged to sessions on other nodes (cluster mode). */
  get bridgedSessions(): number {
    return this.#bridged;
  }

  /**
   * Takes over a bridge from another node whose guest claimed a session waiting here: pairs the
   * agent with the bridge as if it were the guest. Without such a waiting session the bridge is
   * answered `expired`.
   *
   * @param connection - the authenticated bridge
   * @param sessionId - the session the guest claimed
   * @param guestAddress - the guest's address as the other node saw it
   */
  acceptBridge(connection: Connection, sessionId: string, guestAddress: string): void {
    const slot = this.#waiting.get(sessionId);
    if (this.#shuttingDown || !slot?.connection.isOpen) {
      this.#reject(connection, TransportErrorCode.EXPIRED, 'expired');
      return;
    }
    this.#waiting.delete(sessionId);
    const record: SessionRecord = { ...slot.record, state: 'joined', joinedAt: this.#deps.clock() };
    this.#track(
      this.#pair(record, slot, connection, guestAddress).catch((error: Error) => {
        this.#deps.onError(error);
        this.#reject(connection, TransportErrorCode.INTERNAL, 'internal');
      }),
    );
  }

  /**
   * Takes over a freshly accepted connection.
   *
   * @param connection - the peer's connection
   * @param address - the client address (for rate limiting and the audit log)
   */
  accept(connection: Connection, address: string): void {
    if (this.#shuttingDown) {
      this.#reject(connection, TransportErrorCode.RELAY_SHUTDOWN, 'internal');
      return;
    }
    if (connection.protocol !== RELAY_SUBPROTOCOL) {
      this.#reject(connection, TransportErrorCode.UNSUPPORTED_VERSION, 'unsupported-version');
      return;
    }
    const timer = setTimeout(
      () => this.#reject(connection, TransportErrorCode.TIMEOUT, 'timeout'),
      this.#deps.limits.helloTimeoutMs,
    );
    timer.unref();
    void connection.closed.then(() => clearTimeout(timer));
    let busy = false;
    connection.onMessage((message) => {
      if (busy) {
        this.#handleWhileBusy(connection, message);
        return;
      }
      const hello = this.#parseHello(connection, message);
      if (!hello) {
        this.#auditMalformedHello(message, address);
        return;
      }
      if (hello.type === 'ping') {
        connection.send(encodeControlMessage({ type: 'pong' })).catch(() => undefined);
        return;
      }
      if (hello.type !== 'create' && hello.type !== 'join') {
        this.#reject(connection, TransportErrorCode.UNEXPECTED_MESSAGE, 'unexpected');
        return;
      }
      busy = true;
      clearTimeout(timer);
      const step =
        hello.type === 'create'
          ? this.#create(connection, address, hello.token)
          : this.#join(connection, address, hello.number);
      this.#track(
        step.catch((error: Error) => {
          if ((error as TransportError).code === TransportErrorCode.RELAY_UNAVAILABLE) {
            // The link reports the outage once; each refused peer hears it.
            this.#reject(connection, TransportErrorCode.RELAY_UNAVAILABLE, 'unavailable', UNAVAILABLE_RETRY_MS);
            return;
          }
          this.#deps.onError(error);
          this.#reject(connection, TransportErrorCode.INTERNAL, 'internal');
        }),
      );
    });
  }

  /**
   * Ends every session with `relay-shutdown`, refuses new ones and waits for the audit trail.
   */
  async shutdown(): Promise<void> {
    this.#shuttingDown = true;
    clearInterval(this.#sweeper);
    for (const session of this.#live) session.end('relay-shutdown');
    for (const slot of [...this.#waiting.values()])
      this.#endWaiting(slot, 'relay-shutdown', TransportCloseCode[TransportErrorCode.RELAY_SHUTDOWN]);
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
  }

  /** The time of an audit record. */
  #now(): string {
    return new Date(this.#deps.clock()).toISOString();
  }

  #track(promise: Promise<unknown>): void {
    this.#pending.add(promise);
    void promise.finally(() => this.#pending.delete(promise));
  }

  async #write(record: AuditRecord): Promise<void> {
    const node = this.#deps.cluster?.nodeId;
    await this.#deps.audit.append(node === undefined ? record : { ...record, node });
  }

  #reject(connection: Connection, code: TransportErrorCode, wire: RelayWireError, retryAfterMs?: number): void {
    if (!connection.isOpen) return;
    const message = encodeControlMessage(
      retryAfterMs === undefined ? { type: 'error', code: wire } : { type: 'error', code: wire, retryAfterMs },
    );
    const error = new ProtocolError(code, `refused: ${wire}`);
    connection
      .send(message)
      .catch(() => undefined)
      .finally(() => connection.fail(error));
  }

  /**
   * A first message that is no valid hello counts as a failed join: it is audited (with whatever
   * number it carried, cut to 32 characters) and raises the address's join delay.
   */
  #auditMalformedHello(message: ConnectionMessage, address: string): void {
    this.#deps.rateLimiter.recordFailure(address, 'malformed');
    this.#waves.poll();
    let typed = '';
    if (typeof message === 'string' && message.length <= MAX_CONTROL_MESSAGE_BYTES) {
      try {
        const value = JSON.parse(message) as { number?: unknown };
        if (typeof value.number === 'string') typed = value.number.slice(0, 32);
      } catch {
        // Not JSON: nothing to quote.
      }
    }
    this.#track(
      this.#write({
        type: 'join-refused',
        at: this.#now(),
        number: typed,
        guestAddress: address,
        reason: 'malformed',
      }).catch((cause) =>
        this.#deps.onError(
          new TransportError(TransportErrorCode.INTERNAL, 'audit of a refused join failed', { cause }),
        ),
      ),
    );
  }

  #parseHello(connection: Connection, message: ConnectionMessage): PeerToRelayMessage | undefined {
    if (typeof message !== 'string') {
      this.#reject(connection, TransportErrorCode.UNEXPECTED_MESSAGE, 'unexpected');
      return undefined;
    }
    try {
      return parsePeerMessage(message);
    } catch (error) {
      const code = (error as TransportError).code;
      const wire: RelayWireError =
        code === TransportErrorCode.MESSAGE_TOO_LARGE
          ? 'too-large'
          : code === TransportErrorCode.UNEXPECTED_MESSAGE
            ? 'unexpected'
            : 'malformed';
      this.#reject(connection, code, wire);
      return undefined;
    }
  }

  /** While a create/join is in flight, or while an agent waits: only ping and the agent's own `end`. */
  #handleWhileBusy(connection: Connection, message: ConnectionMessage): void {
    const hello = this.#parseHello(connection, message);
    if (!hello) return;
    if (hello.type === 'ping') {
      connection.send(encodeControlMessage({ type: 'pong' })).catch(() => undefined);
      return;
    }
    const slot = [...this.#waiting.values()].find((candidate) => candidate.connection === connection);
    if (hello.type === 'end' && slot) {
      this.#endWaiting(slot, 'agent-ended', NORMAL_CLOSE_CODE);
      return;
    }
    this.#reject(connection, TransportErrorCode.UNEXPECTED_MESSAGE, 'unexpected');
  }

  async #create(connection: Connection, address: string, token: string): Promise<void> {
    // Token guessing meets the same growing delays as number guessing, from a budget of its own.
    const decision = this.#deps.agentRateLimiter.check(address);
    if (!decision.allowed) {
      await this.#write({ type: 'agent-refused', at: this.#now(), agentAddress: address, reason: 'rate-limited' });
      this.#reject(connection, TransportErrorCode.RATE_LIMITED, 'rate-limited', Math.ceil(decision.retryAfterMs));
      return;
    }
    let agent: VerifiedAgent | null;
    try {
      agent = await this.#deps.verifyAgent(token);
    } catch (cause) {
      this.#deps.onError(new TransportError(TransportErrorCode.INTERNAL, 'verifyAgent failed', { cause }));
      agent = null;
    }
    if (!agent) {
      this.#deps.agentRateLimiter.recordFailure(address, 'unauthorized');
      this.#waves.poll();
      await this.#write({ type: 'agent-refused', at: this.#now(), agentAddress: address, reason: 'unauthorized' });
      this.#reject(connection, TransportErrorCode.UNAUTHORIZED, 'unauthorized');
      return;
    }
    const record = await this.#deps.registry.create({
      agent: { id: agent.agentId, org: agent.org, name: agent.displayName },
    });
    await this.#write({
      type: 'session-created',
      at: this.#now(),
      sessionId: record.id,
      number: record.number,
      agent: record.agent,
      agentAddress: address,
    });
    if (!connection.isOpen) {
      await this.#endRecord(record, 'agent-ended');
      return;
    }
    const slot: WaitingAgent = { record, connection };
    this.#waiting.set(record.id, slot);
    void connection.closed.then(() => {
      if (this.#waiting.get(record.id) === slot) this.#endWaiting(slot, 'agent-ended', NORMAL_CLOSE_CODE);
    });
    await connection.send(
      encodeControlMessage({
        type: 'created',
        number: record.number,
        sessionId: record.id,
        expiresAt: record.expiresAt,
      }),
    );
  }

  async #refuseJoin(
    connection: Connection,
    address: string,
    typed: string,
    reason: ClaimFailure | 'malformed',
  ): Promise<void> {
    const limiter = this.#deps.rateLimiter;
    const retryAfterMs = limiter.recordFailure(address, reason);
    this.#waves.poll();
    await this.#write({
      type: 'join-refused',
      at: this.#now(),
      number: typed.slice(0, 32),
      guestAddress: address,
      reason,
    });
    if (GUESSED.has(reason) && limiter.wave) {
      this.#reject(
        connection,
        TransportErrorCode.RATE_LIMITED,
        'rate-limited',
        Math.max(1_000, Math.ceil(retryAfterMs)),
      );
      return;
    }
    const wire = reason === 'malformed' ? 'unknown-number' : WIRE_FOR_CLAIM[reason];
    const code =
      wire === 'unknown-number'
        ? TransportErrorCode.UNKNOWN_NUMBER
        : wire === 'expired'
          ? TransportErrorCode.EXPIRED
          : TransportErrorCode.ALREADY_TAKEN;
    this.#reject(connection, code, wire, retryAfterMs > 0 ? retryAfterMs : undefined);
  }

  /**
   * The address's and its network's own limits come first, before the number is looked at, so a
   * refused address learns nothing about the number; only then is the number tried. The global
   * budget never refuses a join: during a guessing wave failures just cost more.
   */
  async #join(connection: Connection, address: string, typed: string): Promise<void> {
    const decision = this.#deps.rateLimiter.check(address);
    if (!decision.allowed) {
      await this.#write({
        type: 'join-refused',
        at: this.#now(),
        number: typed.slice(0, 32),
        guestAddress: address,
        reason: 'rate-limited',
      });
      this.#reject(connection, TransportErrorCode.RATE_LIMITED, 'rate-limited', Math.ceil(decision.retryAfterMs));
      return;
    }
    let number: string;
    try {
      number = parseSessionNumber(typed);
    } catch {
      await this.#refuseJoin(connection, address, typed, 'malformed');
      return;
    }
    const claim = await this.#deps.registry.claimByNumber(number);
    if (!claim.ok && claim.reason === 'expired') {
      const stale = [...this.#waiting.values()].find((candidate) => candidate.record.number === number);
      if (stale) this.#endWaiting(stale, 'expired', TransportCloseCode[TransportErrorCode.EXPIRED]);
    }
    if (!claim.ok) {
      await this.#refuseJoin(connection, address, typed, claim.reason);
      return;
    }
    const host = claim.session.host;
    const cluster = this.#deps.cluster;
    if (cluster && host !== undefined && host !== cluster.nodeId) {
      await this.#bridge(cluster, connection, address, typed, claim.session);
      return;
    }
    const slot = this.#waiting.get(claim.session.id);
    if (!slot?.connection.isOpen) {
      await this.#refuseJoin(connection, address, typed, 'expired');
      return;
    }
    this.#waiting.delete(claim.session.id);
    this.#deps.rateLimiter.recordSuccess(address);
    await this.#pair(claim.session, slot, connection, address);
  }

  /** The guest claimed a session of another node: pipe it there, or refuse if that node is gone. */
  async #bridge(
    cluster: RelayCoreCluster,
    connection: Connection,
    address: string,
    typed: string,
    record: SessionRecord,
  ): Promise<void> {
    const piped = await cluster.bridge(record, connection, address).catch(() => undefined);
    if (piped === undefined) {
      await this.#deps.registry.end(record.id, 'peer-lost').catch(() => undefined);
      await this.#refuseJoin(connection, address, typed, 'expired');
      return;
    }
    this.#deps.rateLimiter.recordSuccess(address);
    this.#bridged++;
    this.#track(piped.ended.finally(() => this.#bridged--));
  }

  /** Pairs a waiting agent with its guest (here or bridged from another node) and starts the session. */
  async #pair(record: SessionRecord, slot: WaitingAgent, connection: Connection, address: string): Promise<void> {
    await this.#write({
      type: 'guest-joined',
      at: this.#now(),
      sessionId: record.id,
      number: record.number,
      agent: record.agent,
      guestAddress: address,
    });
    const paired = encodeControlMessage({
      type: 'paired',
      sessionId: record.id,
      org: record.agent.org,
      agentName: record.agent.name ?? '',
    });
    const session = new LiveSession(record, slot.connection, connection, this.#deps.limits.maxBufferedBytesPerSession, {
      maxReports: this.#deps.limits.maxReportsPerSession,
      write: (report) => this.#writeReport(record, address, report),
      recordEnd: (outcome) =>
        this.#endRecord(record, outcome.reason, outcome.bytes, outcome.endedBy).catch((cause) =>
          this.#deps.onError(
            new TransportError(TransportErrorCode.INTERNAL, 'audit of a session end failed', { cause }),
          ),
        ),
    });
    this.#live.add(session);
    slot.connection.send(paired).catch(() => undefined);
    connection.send(paired).catch(() => undefined);
    if (this.#shuttingDown) session.end('relay-shutdown');
    this.#track(
      session.outcome.then((outcome) => {
        this.#live.delete(session);
        this.#reportsIgnored += outcome.reportsIgnored;
      }),
    );
  }

  /** Audits what the paired guest reported; a failed write goes to `onError` and the session goes on. */
  async #writeReport(record: SessionRecord, guestAddress: string, report: ReportMessage): Promise<void> {
    const base = { at: this.#now(), sessionId: record.id, number: record.number, agent: record.agent, guestAddress };
    const entry: AuditRecord =
      report.event === 'control'
        ? { ...base, type: report.granted ? 'control-granted' : 'control-revoked' }
        : report.granted
          ? { ...base, type: 'consent-granted', scopes: [...report.scopes] }
          : { ...base, type: 'consent-refused' };
    try {
      await this.#write(entry);
    } catch (cause) {
      this.#deps.onError(
        new TransportError(TransportErrorCode.INTERNAL, `audit of a ${report.event} report failed`, { cause }),
      );
    }
  }

  #endWaiting(slot: WaitingAgent, reason: RelayEndReason, closeCode: number): void {
    this.#waiting.delete(slot.record.id);
    const { connection } = slot;
    // On record first; only then does the agent hear of the end.
    const recorded = this.#endRecord(
      slot.record,
      reason,
      undefined,
      reason === 'agent-ended' ? 'agent' : 'relay',
    ).catch((cause) =>
      this.#deps.onError(new TransportError(TransportErrorCode.INTERNAL, 'audit of a session end failed', { cause })),
    );
    this.#track(
      recorded.finally(() => {
        if (!connection.isOpen) return;
        connection
          .send(encodeControlMessage({ type: 'end', reason }))
          .catch(() => undefined)
          .finally(() => connection.close(closeCode, reason));
      }),
    );
  }

  async #endRecord(
    record: SessionRecord,
    reason: RelayEndReason,
    bytes = { guestToAgent: 0, agentToGuest: 0 },
    endedBy: 'agent' | 'guest' | 'relay' = 'relay',
  ): Promise<void> {
    // The end goes on record even when the shared registry is out of reach.
    const ended = await this.#deps.registry.end(record.id, reason).catch((cause: Error) => {
      if ((cause as TransportError).code !== TransportErrorCode.RELAY_UNAVAILABLE) this.#deps.onError(cause);
      return undefined;
    });
    await this.#write({
      type: 'session-ended',
      at: this.#now(),
      sessionId: record.id,
      number: record.number,
      agent: record.agent,
      reason: ended?.endReason ?? reason,
      endedBy,
      bytes,
    });
  }

  async #expire(): Promise<void> {
    const expired = await this.#deps.registry.expire();
    for (const record of expired) {
      const slot = this.#waiting.get(record.id);
      if (slot) this.#endWaiting(slot, 'expired', TransportCloseCode[TransportErrorCode.EXPIRED]);
    }
  }
}
