import type { InputBlockedReason } from '@fernhilfe/call';
import type { ViewerError } from '../errors';
import type { RemoteKeyInput, RemotePointerInput } from '../input/remote-input';
import type { CursorUpdate } from '../render/framebuffer';
import type { EndReason } from './end-reasons';

/** What the relay answered to "create session". */
export interface CreatedSession {
  /** Relay-wide session id, stable for the audit log (store it on a helpdesk ticket). */
  sessionId: string;
  /** The 8-digit session number the agent reads to the customer, digits only. */
  number: string;
  /** Expiry of the number, milliseconds since the epoch. */
  expiresAt: number;
}

/** The pairing, as the relay reports it; all fields optional. */
export interface PairedInfo {
  /** e.g. the guest's platform ("browser", "linux-x11"). */
  guestKind?: string;
  /** The agent's organisation as the relay knows it (what the customer is shown). */
  org?: string;
  /** The agent's display name as the relay knows it (what the customer is shown). */
  agentName?: string;
}

/** Answer of the customer to a control request, or their taking control back. */
export type ControlChange = 'granted' | 'refused' | 'revoked';

/**
 * Events a {@link ViewerConnection} reports, in protocol order:
 * `paired` → `securityCode` → `consent` → `screenUpdate`/`cursor`/`control`/`rtt` … → `ended`.
 * `error` may come at any time before `ended`, and is followed by `ended` when it ended
 * the session.
 */
export interface ViewerConnectionEvents {
  /** A guest joined with the number; the encrypted handshake starts. */
  paired(info: PairedInfo): void;
  /** The handshake finished; the 6-digit code both sides show. */
  securityCode(code: string): void;
  /** The customer confirmed ("Ja"); screen updates follow. A refusal arrives as `ended('consent-refused')`. */
  consent(): void;
  /** One codec update message. */
  screenUpdate(bytes: Uint8Array): void;
  /** Remote cursor moved or changed shape. */
  cursor(update: CursorUpdate): void;
  /** The customer granted or refused a control request, or revoked control. */
  control(change: ControlChange): void;
  /** While control is on: the customer's desktop refuses injected input (an elevated window, a secure desktop). */
  inputBlocked(reason: InputBlockedReason): void;
  /** Latest round-trip time in milliseconds (frame acks or heartbeats). */
  rtt(milliseconds: number): void;
  /** The session is over; no events follow. */
  ended(reason: EndReason): void;
  /** A relay-level or protocol error, see {@link ViewerErrorCode}. */
  error(error: ViewerError): void;
}

/**
 * The viewer's only way to the outside: one session with the relay and, through it, the
 * encrypted channel to the guest. The production implementation sits on
 * `@fernhilfe/transport` (relay client), `@fernhilfe/crypto` (handshake, channel) and
 * `@fernhilfe/session` (messages); tests use an in-memory fake.
 */
export interface ViewerConnection {
  /**
   * Asks the relay for a fresh session number and waits for a guest.
   *
   * @returns the number and its expiry
   * @throws {@link ViewerError} `VIEWER_TOKEN_UNAVAILABLE`, `VIEWER_TOKEN_REJECTED`, `VIEWER_RATE_LIMITED`, `VIEWER_RELAY_UNREACHABLE`
   */
  createSession(): Promise<CreatedSession>;
  /** Asks the customer for control. The answer arrives as a `control` event. */
  requestControl(): void;
  /** Gives control back to the customer. */
  releaseControl(): void;
  /** Forwards pointer state; the guest applies it only while control is granted. */
  sendPointer(input: RemotePointerInput): void;
  /** Forwards one key event; the guest applies it only while control is granted. */
  sendKey(input: RemoteKeyInput): void;
  /** Ends the session with an authenticated end message; an `ended` event follows. */
  end(reason: EndReason): void;
}

/** What a connection factory gets from `mountViewer`. */
export interface ViewerConnectionInit {
  /** WebSocket URL of the relay, e.g. `wss://support.example.com/relay`. */
  relayUrl: string;
  /** Returns the agent token; called for every new session. */
  getToken: () => string | Promise<string>;
  /** Where the connection reports. */
  events: ViewerConnectionEvents;
}

/** Opens one connection per session. */
export type ViewerConnectionFactory = (init: ViewerConnectionInit) => ViewerConnection;
