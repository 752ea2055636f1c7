import { type ConsentScope, END_REASONS, END_REASONS_SENT_BY, type EndReason } from '@fernhilfe/session';
import { TransportErrorCode } from '#errors';

/**
 * WebSocket subprotocol naming the relay-layer version. A client offers it; a relay that does not
 * speak it answers `error {code: "unsupported-version"}` and closes with 4008.
 */
export const RELAY_SUBPROTOCOL = 'fernhilfe-relay.1';

/** Largest JSON control message (in UTF-16 code units, so at most 12 KiB of UTF-8) either side accepts. */
export const MAX_CONTROL_MESSAGE_BYTES = 4096;

/**
 * Every control message kind of the relay layer, with who may send it. Kinds are never reused;
 * a retired kind stays listed. Mirrored in `docs/protocol.md` (relay section).
 */
export const RelayMessageKind = {
  /** agent → relay: authenticate and open a session. */
  create: { from: 'agent' },
  /** relay → agent: the session exists; read `number` to the customer. */
  created: { from: 'relay' },
  /** guest → relay: join the session with this number. */
  join: { from: 'guest' },
  /** relay → both: the guest joined; binary frames now flow between the peers. */
  paired: { from: 'relay' },
  /** relay → remaining peer: the other side is gone (the relay closes right after). */
  'peer-left': { from: 'relay' },
  /** peer → relay: end the session; relay → peer: the session ended, with the reason. */
  end: { from: 'any' },
  /** relay → peer: a request failed; carries a stable wire error code. */
  error: { from: 'relay' },
  /** peer → relay: application-level heartbeat (browsers cannot send ping frames). */
  ping: { from: 'peer' },
  /** relay → peer: answer to `ping`. */
  pong: { from: 'relay' },
  /**
   * guest → relay, only while paired: the customer's consent or control decision, as the guest's
   * software reports it, for the audit log. Carries the fact only — no screen content, no keys.
   */
  report: { from: 'guest' },
} as const;

/** One of the control message kinds in {@link RelayMessageKind}. */
export type RelayMessageKind = keyof typeof RelayMessageKind;

/**
 * Wire error codes of the relay `error` message and the {@link TransportErrorCode} each one maps
 * to on the client side. Codes are never reused.
 */
export const RelayWireError = {
  unauthorized: TransportErrorCode.UNAUTHORIZED,
  'unknown-number': TransportErrorCode.UNKNOWN_NUMBER,
  expired: TransportErrorCode.EXPIRED,
  'already-taken': TransportErrorCode.ALREADY_TAKEN,
  'rate-limited': TransportErrorCode.RATE_LIMITED,
  'too-many-connections': TransportErrorCode.TOO_MANY_CONNECTIONS,
  malformed: TransportErrorCode.MALFORMED_MESSAGE,
  'too-large': TransportErrorCode.MESSAGE_TOO_LARGE,
  unexpected: TransportErrorCode.UNEXPECTED_MESSAGE,
  'unsupported-version': TransportErrorCode.UNSUPPORTED_VERSION,
  timeout: TransportErrorCode.TIMEOUT,
  internal: TransportErrorCode.INTERNAL,
  unavailable: TransportErrorCode.RELAY_UNAVAILABLE,
} as const;

/** One of the wire error codes in {@link RelayWireError}. */
export type RelayWireError = keyof typeof RelayWireError;

/**
 * The end reasons the relay itself uses in `end {reason}`. The wire carries any `EndReason` of
 * `@fernhilfe/session` (peers may end with e.g. `consent-refused`); these are the ones the relay layer
 * produces.
 */
export const RelayEndReason = {
  /** The agent ended the session. */
  agentEnded: 'agent-ended',
  /** The guest ended the session. */
  guestEnded: 'guest-ended',
  /** The guest closed the page (WebSocket close 1001 "going away"). */
  guestWindowClosed: 'guest-window-closed',
  /** A peer vanished: the connection dropped or its heartbeat timed out. */
  peerLost: 'peer-lost',
  /** No guest joined before the number expired. */
  expired: 'expired',
  /** The relay is shutting down. */
  relayShutdown: 'relay-shutdown',
  /** A peer broke the protocol or a limit; the session was closed with an error. */
  protocolError: 'protocol-error',
} as const satisfies Record<string, EndReason>;

/** An end reason as carried by `end {reason}`: any `EndReason` of `@fernhilfe/session`. */
export type RelayEndReason = EndReason;

/**
 * End reasons a peer may put in its own `end` message: those either side of the call may state
 * (`END_REASON_SENDERS` of `@fernhilfe/session`); the others are the relay's to give.
 */
export const PEER_END_REASONS: readonly EndReason[] = Object.freeze(
  END_REASONS.filter(
    (reason) => END_REASONS_SENT_BY.guest.includes(reason) || END_REASONS_SENT_BY.viewer.includes(reason),
  ),
);

/** `create`: agent → relay. */
export interface CreateMessage {
  /** Message kind. */
  type: 'create';
  /** Bearer token of the agent. */
  token: string;
}
/** `created`: relay → agent. */
export interface CreatedMessage {
  /** Message kind. */
  type: 'created';
  /** The 8-digit session number, digits only. */
  number: string;
  /** Opaque, unique session id (for logs and the audit trail). */
  sessionId: string;
  /** When the number stops being accepted, in milliseconds since the epoch. */
  expiresAt: number;
}
/** `join`: guest → relay. */
export interface JoinMessage {
  /** Message kind. */
  type: 'join';
  /** The session number as typed (spaces and dashes allowed). */
  number: string;
}
/** `paired`: relay → both peers. */
export interface PairedMessage {
  /** Message kind. */
  type: 'paired';
  /** Session id. */
  sessionId: string;
  /** Organisation of the agent, as the relay knows it. */
  org: string;
  /** Display name of the agent, as the relay knows it. */
  agentName: string;
}
/** `peer-left`: relay → remaining peer. */
export interface PeerLeftMessage {
  /** Message kind. */
  type: 'peer-left';
}
/** `end`: either direction. */
export interface RelayEndMessage {
  /** Message kind. */
  type: 'end';
  /** Why the session ends. */
  reason: RelayEndReason;
}
/** `error`: relay → peer. */
export interface ErrorMessage {
  /** Message kind. */
  type: 'error';
  /** Stable wire error code. */
  code: RelayWireError;
  /** For `rate-limited`: milliseconds until a new attempt may succeed. */
  retryAfterMs?: number;
}
/** `ping`: peer → relay. */
export interface RelayPingMessage {
  /** Message kind. */
  type: 'ping';
}
/** `pong`: relay → peer. */
export interface RelayPongMessage {
  /** Message kind. */
  type: 'pong';
}

/**
 * What a guest reports to the relay about the customer's decisions (the `report` message without
 * its `type`): consent to view (with the granted scopes) or its refusal, and control granted or
 * refused/taken back.
 */
export type GuestReport =
  | {
      /** The customer answered the security-code question. */
      event: 'consent';
      /** "Ja". */
      granted: true;
      /** What the customer allowed: one to two distinct {@link ConsentScope} values. */
      scopes: ConsentScope[];
    }
  | {
      /** The customer answered the security-code question. */
      event: 'consent';
      /** "Nein" (nothing is captured). */
      granted: false;
    }
  | {
      /** The customer granted mouse and keyboard control, or refused a request / took it back. */
      event: 'control';
      /** `true` for granted, `false` for refused or taken back. */
      granted: boolean;
    };

/** `report`: guest → relay, only after `paired`. */
export type ReportMessage = {
  /** Message kind. */
  type: 'report';
} & GuestReport;

/** A control message a peer sends to the relay. */
export type PeerToRelayMessage = CreateMessage | JoinMessage | RelayEndMessage | RelayPingMessage | ReportMessage;
/** A control message the relay sends to a peer. */
export type RelayToPeerMessage =
  | CreatedMessage
  | PairedMessage
  | PeerLeftMessage
  | RelayEndMessage
  | ErrorMessage
  | RelayPongMessage;
/** Any relay-layer control message. */
export type RelayControlMessage = PeerToRelayMessage | RelayToPeerMessage;
