import { END_REASONS_SENT_BY, type SessionRecord } from '@fernhilfe/session';
import {
  GOING_AWAY_CLOSE_CODE,
  NORMAL_CLOSE_CODE,
  type ProtocolError,
  TransportCloseCode,
  TransportError,
  TransportErrorCode,
} from '#errors';
import type { CloseInfo, Connection, ConnectionMessage } from '../connection';
import { encodeControlMessage, parsePeerMessage } from '../control-message-codec';
import { PEER_END_REASONS, type RelayEndReason, type ReportMessage } from '../protocol';

/** Which side of a session. */
export type PeerRole = 'agent' | 'guest';

/** What a {@link LiveSession} reports when it ends. */
export interface SessionOutcome {
  /** Why it ended. */
  reason: RelayEndReason;
  /** Bytes forwarded each way. */
  bytes: { guestToAgent: number; agentToGuest: number };
  /** Guest reports ignored because the session already had `maxReports`. */
  reportsIgnored: number;
  /** Which side ended it, or `relay` (shutdown, expiry). */
  endedBy: PeerRole | 'relay';
}

/** How a {@link LiveSession} hands on the guest's reports. */
export interface ReportSink {
  /** Most reports handed on per session; later ones are only counted. */
  maxReports: number;
  /** Writes one report (to the audit log); must not reject. Reports are handed on one at a time, in order. */
  write: (report: ReportMessage) => Promise<void>;
  /**
   * Records the end (to the audit log) after the last report; must not reject. The peers hear of
   * the end only once it resolved, so an acknowledged end is always on record.
   */
  recordEnd: (outcome: SessionOutcome) => Promise<void>;
}

const ROLE_ENDED: Record<PeerRole, RelayEndReason> = { agent: 'agent-ended', guest: 'guest-ended' };

/**
 * A side may state only its own end reasons (the session library's `END_REASONS_SENT_BY`);
 * anything else, e.g. an agent claiming `consent-refused`, is recorded as that side ending it.
 */
function reasonOf(role: PeerRole, claimed: string): RelayEndReason {
  const own: readonly string[] = END_REASONS_SENT_BY[role === 'agent' ? 'viewer' : 'guest'];
  return own.includes(claimed) ? (claimed as RelayEndReason) : ROLE_ENDED[role];
}

const LOST_CODES = new Set<string>([TransportErrorCode.HEARTBEAT_TIMEOUT, TransportErrorCode.CLOSED]);

function reasonForClose(role: PeerRole, info: CloseInfo): RelayEndReason {
  if (info.error) return LOST_CODES.has(info.error.code) ? 'peer-lost' : 'protocol-error';
  if (info.code === NORMAL_CLOSE_CODE) return reasonOf(role, info.reason);
  if (info.code === GOING_AWAY_CLOSE_CODE) return role === 'guest' ? 'guest-window-closed' : 'agent-ended';
  return 'peer-lost';
}

function closeCodeFor(reason: RelayEndReason, leaverVanished: boolean): number {
  if (reason === 'relay-shutdown') return TransportCloseCode[TransportErrorCode.RELAY_SHUTDOWN];
  if (leaverVanished) return TransportCloseCode[TransportErrorCode.PEER_LEFT];
  if (reason === 'protocol-error') return TransportCloseCode[TransportErrorCode.SESSION_ENDED];
  return NORMAL_CLOSE_CODE;
}

/**
 * A paired session: forwards binary payloads verbatim between agent and guest, stops reading from
 * the faster side while more than `maxBufferedBytes` wait for the slower one, and ends both sides
 * once when either leaves.
 */
export class LiveSession {
  readonly #bytes = { guestToAgent: 0, agentToGuest: 0 };
  #reportsAccepted = 0;
  #reportsIgnored = 0;
  /** The reports' writes, chained so they land in arrival order and before the session's end. */
  #reportsWritten: Promise<void> = Promise.resolve();
  #finished = false;
  #settle!: (outcome: SessionOutcome) => void;
  /** Resolves once with the end reason and byte counts. */
  readonly outcome: Promise<SessionOutcome>;
  readonly #agent: Connection;
  readonly #guest: Connection;
  readonly #maxBufferedBytes: number;
  readonly #reports: ReportSink;

  /**
   * @param record - the registry's record of the session
   * @param agent - the agent's connection
   * @param guest - the guest's connection
   * @param maxBufferedBytes - per-direction cap on bytes waiting for the receiving peer
   * @param reports - where the guest's `report` messages go
   */
  constructor(
    readonly record: SessionRecord,
    agent: Connection,
    guest: Connection,
    maxBufferedBytes: number,
    reports: ReportSink,
  ) {
    this.#agent = agent;
    this.#guest = guest;
    this.#maxBufferedBytes = maxBufferedBytes;
    this.#reports = reports;
    this.outcome = new Promise((resolve) => {
      this.#settle = resolve;
    });
    agent.onMessage((message) => this.#received('agent', message));
    guest.onMessage((message) => this.#received('guest', message));
    for (const role of ['agent', 'guest'] as const) {
      void this.#peer(role).closed.then((info) => {
        const reason = reasonForClose(role, info);
        this.#finish(reason, role, reason === 'peer-lost');
      });
    }
  }

  /** Guest reports ignored so far because the session already had `maxReports`. */
  get ignoredReports(): number {
    return this.#reportsIgnored;
  }

  /** Bytes the relay holds for this session (both directions). */
  get bufferedBytes(): number {
    return this.#agent.bufferedAmount + this.#guest.bufferedAmount;
  }

  /**
   * Ends the session from the relay's side (shutdown, expiry).
   *
   * @param reason - end reason sent to both peers
   */
  end(reason: RelayEndReason): void {
    this.#finish(reason, undefined, false);
  }

  #peer(role: PeerRole): Connection {
    return role === 'agent' ? this.#agent : this.#guest;
  }

  #received(role: PeerRole, message: ConnectionMessage): void {
    if (this.#finished) return;
    if (typeof message !== 'string') {
      this.#forward(role, message);
      return;
    }
    let control: ReturnType<typeof parsePeerMessage>;
    try {
      control = parsePeerMessage(message);
    } catch (error) {
      this.#protocolError(role, error as ProtocolError);
      return;
    }
    if (control.type === 'ping') {
      this.#peer(role)
        .send(encodeControlMessage({ type: 'pong' }))
        .catch(() => undefined);
    } else if (control.type === 'end' && PEER_END_REASONS.includes(control.reason)) {
      this.#finish(reasonOf(role, control.reason), role, false);
    } else if (control.type === 'report' && role === 'guest') {
      this.#report(control);
    } else {
      this.#protocolError(
        role,
        new TransportError(TransportErrorCode.UNEXPECTED_MESSAGE, `${control.type} not allowed while paired`),
      );
    }
  }

  #report(report: ReportMessage): void {
    if (this.#reportsAccepted >= this.#reports.maxReports) {
      this.#reportsIgnored++;
      return;
    }
    this.#reportsAccepted++;
    this.#reportsWritten = this.#reportsWritten.then(() => this.#reports.write(report));
  }

  #forward(from: PeerRole, bytes: Uint8Array): void {
    const source = this.#peer(from);
    const target = this.#peer(from === 'agent' ? 'guest' : 'agent');
    if (from === 'agent') this.#bytes.agentToGuest += bytes.byteLength;
    else this.#bytes.guestToAgent += bytes.byteLength;
    const sent = target.send(bytes);
    if (target.bufferedAmount > this.#maxBufferedBytes) {
      source.pause();
      sent.then(
        () => source.resume(),
        () => undefined,
      );
    } else {
      sent.catch((error: TransportError) => {
        if (error.code === TransportErrorCode.SEND_QUEUE_FULL) this.#protocolError(from, error);
      });
    }
  }

  #protocolError(role: PeerRole, error: TransportError): void {
    this.#peer(role).fail(error);
    this.#finish('protocol-error', role, false);
  }

  #finish(reason: RelayEndReason, leaver: PeerRole | undefined, leaverVanished: boolean): void {
    if (this.#finished) return;
    this.#finished = true;
    const outcome: SessionOutcome = {
      reason,
      bytes: { ...this.#bytes },
      reportsIgnored: this.#reportsIgnored,
      endedBy: leaver ?? 'relay',
    };
    // Reports first, then the end record, and only then do the peers hear of the end.
    void this.#reportsWritten
      .then(() => this.#reports.recordEnd(outcome))
      .catch(() => undefined)
      .then(() => {
        this.#notifyEnd(reason, leaver, leaverVanished);
        this.#settle(outcome);
      });
  }

  #notifyEnd(reason: RelayEndReason, leaver: PeerRole | undefined, leaverVanished: boolean): void {
    const end = encodeControlMessage({ type: 'end', reason });
    for (const role of ['agent', 'guest'] as const) {
      const connection = this.#peer(role);
      connection.resume();
      if (role === leaver) {
        connection.close(NORMAL_CLOSE_CODE, reason);
        continue;
      }
      if (leaverVanished) connection.send(encodeControlMessage({ type: 'peer-left' })).catch(() => undefined);
      const code = closeCodeFor(reason, leaverVanished);
      connection
        .send(end)
        .catch(() => undefined)
        .finally(() => connection.close(code, reason));
    }
  }
}
