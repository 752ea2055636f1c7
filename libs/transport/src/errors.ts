/**
 * Stable error codes of `@fernhilfe/transport`. A code keeps its meaning forever; callers
 * and tests match on `code`, never on message text. Each code has a WebSocket close code in
 * {@link TransportCloseCode} (see the table in the README and in `docs/protocol.md`).
 */
export const TransportErrorCode = {
  /** An argument given by the caller is outside what the API accepts. */
  INVALID_ARGUMENT: 'TRANSPORT_INVALID_ARGUMENT',
  /** The WebSocket (or the TCP/TLS connection under it) could not be opened. */
  CONNECT_FAILED: 'TRANSPORT_CONNECT_FAILED',
  /** The server's TLS certificate could not be verified. */
  TLS_FAILED: 'TRANSPORT_TLS_FAILED',
  /** The connection is closed; nothing more can be sent or received. */
  CLOSED: 'TRANSPORT_CLOSED',
  /** The peer sent nothing (not even a pong) for longer than the heartbeat timeout. */
  HEARTBEAT_TIMEOUT: 'TRANSPORT_HEARTBEAT_TIMEOUT',
  /** A message was larger than the configured limit. */
  MESSAGE_TOO_LARGE: 'TRANSPORT_MESSAGE_TOO_LARGE',
  /** More bytes were handed to `send()` without awaiting it than the send queue accepts. */
  SEND_QUEUE_FULL: 'TRANSPORT_SEND_QUEUE_FULL',
  /** A control message was not valid JSON of the expected shape. */
  MALFORMED_MESSAGE: 'TRANSPORT_MALFORMED_MESSAGE',
  /** A well-formed message arrived in a state where it is not allowed. */
  UNEXPECTED_MESSAGE: 'TRANSPORT_UNEXPECTED_MESSAGE',
  /** The peer does not speak a relay protocol version we speak. */
  UNSUPPORTED_VERSION: 'TRANSPORT_UNSUPPORTED_VERSION',
  /** The agent token was missing or not accepted. */
  UNAUTHORIZED: 'TRANSPORT_UNAUTHORIZED',
  /** No live session has this number. */
  UNKNOWN_NUMBER: 'TRANSPORT_UNKNOWN_NUMBER',
  /** The session number expired before a guest joined. */
  EXPIRED: 'TRANSPORT_EXPIRED',
  /** A guest already joined with this number (numbers are single use). */
  ALREADY_TAKEN: 'TRANSPORT_ALREADY_TAKEN',
  /** Too many join attempts; retry after `retryAfterMs`. */
  RATE_LIMITED: 'TRANSPORT_RATE_LIMITED',
  /** Too many open connections from one address. */
  TOO_MANY_CONNECTIONS: 'TRANSPORT_TOO_MANY_CONNECTIONS',
  /** The other peer of the session left. */
  PEER_LEFT: 'TRANSPORT_PEER_LEFT',
  /** The session was ended (by a peer, or by the relay). */
  SESSION_ENDED: 'TRANSPORT_SESSION_ENDED',
  /** The relay is shutting down. */
  RELAY_SHUTDOWN: 'TRANSPORT_RELAY_SHUTDOWN',
  /** A step (opening, pairing) did not finish in time. */
  TIMEOUT: 'TRANSPORT_TIMEOUT',
  /** The HTTP proxy refused or failed the CONNECT tunnel. */
  PROXY_CONNECT_FAILED: 'TRANSPORT_PROXY_CONNECT_FAILED',
  /** The HTTP proxy rejected the credentials twice, or no credentials were given. */
  PROXY_AUTH_FAILED: 'TRANSPORT_PROXY_AUTH_FAILED',
  /** The relay failed internally. */
  INTERNAL: 'TRANSPORT_INTERNAL',
  /** The relay cannot take new sessions or joins now (its cluster store is unreachable); retry later. */
  RELAY_UNAVAILABLE: 'TRANSPORT_RELAY_UNAVAILABLE',
} as const;

/** One of the stable codes in {@link TransportErrorCode}. */
export type TransportErrorCode = (typeof TransportErrorCode)[keyof typeof TransportErrorCode];

/** The standard close code of a normal close: the purpose of the connection is fulfilled (RFC 6455 §7.4.1). */
export const NORMAL_CLOSE_CODE = 1000;

/** The standard close code of an endpoint that goes away, e.g. a closed browser page (RFC 6455 §7.4.1). */
export const GOING_AWAY_CLOSE_CODE = 1001;

/** The standard close code `ws` uses when a frame exceeds `maxPayload` (RFC 6455 §7.4.1). */
export const MESSAGE_TOO_BIG_CLOSE_CODE = 1009;

/**
 * WebSocket close code for each error code. Application codes live in 4000–4999 (RFC 6455 §7.4.2);
 * 1000 is a normal close and 1009 is what `ws` sends for a frame above `maxPayload`. Numbers are
 * never reused.
 */
export const TransportCloseCode = {
  [TransportErrorCode.INVALID_ARGUMENT]: 4000,
  [TransportErrorCode.CONNECT_FAILED]: 4001,
  [TransportErrorCode.TLS_FAILED]: 4002,
  [TransportErrorCode.CLOSED]: NORMAL_CLOSE_CODE,
  [TransportErrorCode.HEARTBEAT_TIMEOUT]: 4003,
  [TransportErrorCode.MESSAGE_TOO_LARGE]: 4004,
  [TransportErrorCode.SEND_QUEUE_FULL]: 4005,
  [TransportErrorCode.MALFORMED_MESSAGE]: 4006,
  [TransportErrorCode.UNEXPECTED_MESSAGE]: 4007,
  [TransportErrorCode.UNSUPPORTED_VERSION]: 4008,
  [TransportErrorCode.UNAUTHORIZED]: 4009,
  [TransportErrorCode.UNKNOWN_NUMBER]: 4010,
  [TransportErrorCode.EXPIRED]: 4011,
  [TransportErrorCode.ALREADY_TAKEN]: 4012,
  [TransportErrorCode.RATE_LIMITED]: 4013,
  [TransportErrorCode.TOO_MANY_CONNECTIONS]: 4014,
  [TransportErrorCode.PEER_LEFT]: 4015,
  [TransportErrorCode.SESSION_ENDED]: 4016,
  [TransportErrorCode.RELAY_SHUTDOWN]: 4017,
  [TransportErrorCode.TIMEOUT]: 4018,
  [TransportErrorCode.PROXY_CONNECT_FAILED]: 4019,
  [TransportErrorCode.PROXY_AUTH_FAILED]: 4020,
  [TransportErrorCode.INTERNAL]: 4021,
  [TransportErrorCode.RELAY_UNAVAILABLE]: 4022,
} as const satisfies Record<TransportErrorCode, number>;

/**
 * Maps a received WebSocket close code back to an error code, or `undefined` for codes this
 * package did not assign (1000, 1001, 1006, …).
 *
 * @param closeCode - the close code of a WebSocket close frame
 * @returns the error code, or `undefined`
 */
export function errorCodeForClose(closeCode: number): TransportErrorCode | undefined {
  if (closeCode === MESSAGE_TOO_BIG_CLOSE_CODE) return TransportErrorCode.MESSAGE_TOO_LARGE;
  if (closeCode < 4000 || closeCode > 4999) return undefined;
  for (const [code, close] of Object.entries(TransportCloseCode)) {
    if (close === closeCode) return code as TransportErrorCode;
  }
  return undefined;
}

/**
 * Base class of every error `@fernhilfe/transport` throws or rejects with on purpose.
 *
 * @example
 * ```ts
 * try { … } catch (error) {
 *   if (error instanceof TransportError && error.code === TransportErrorCode.UNKNOWN_NUMBER) { … }
 * }
 * ```
 */
export class TransportError extends Error {
  /** Stable, machine-readable code from {@link TransportErrorCode}. */
  readonly code: TransportErrorCode;
  /** WebSocket close code that goes with {@link TransportError.code}. */
  readonly closeCode: number;

  /**
   * @param code - stable code of the failure
   * @param message - human-readable detail for logs (not for matching)
   * @param options - standard `ErrorOptions`, e.g. the underlying `cause`
   */
  constructor(code: TransportErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'TransportError';
    this.code = code;
    this.closeCode = TransportCloseCode[code];
  }
}

/** The connection or session is closed, or was closed by the peer or the relay with an error. */
export class ConnectionClosedError extends TransportError {
  /** Close code received or sent, when known. */
  readonly receivedCloseCode: number | undefined;

  /**
   * @param code - stable code (e.g. {@link TransportErrorCode.PEER_LEFT})
   * @param message - detail for logs
   * @param receivedCloseCode - the WebSocket close code, when known
   * @param options - standard `ErrorOptions`
   */
  constructor(code: TransportErrorCode, message: string, receivedCloseCode?: number, options?: ErrorOptions) {
    super(code, message, options);
    this.name = 'ConnectionClosedError';
    this.receivedCloseCode = receivedCloseCode;
  }
}

/** A relay-layer message was malformed, too large, unexpected or of an unknown version. */
export class ProtocolError extends TransportError {
  /**
   * @param code - one of the protocol codes (MALFORMED_MESSAGE, MESSAGE_TOO_LARGE, UNEXPECTED_MESSAGE, UNSUPPORTED_VERSION)
   * @param message - detail for logs
   * @param options - standard `ErrorOptions`
   */
  constructor(code: TransportErrorCode, message: string, options?: ErrorOptions) {
    super(code, message, options);
    this.name = 'ProtocolError';
  }
}

/** The relay refused a request: unauthorized, unknown/expired/taken number, rate limited, too many connections. */
export class RelayRejectedError extends TransportError {
  /** For {@link TransportErrorCode.RATE_LIMITED}: milliseconds to wait before trying again. */
  readonly retryAfterMs: number | undefined;

  /**
   * @param code - the rejection code
   * @param message - detail for logs
   * @param retryAfterMs - wait before retrying, when the relay said so
   */
  constructor(code: TransportErrorCode, message: string, retryAfterMs?: number) {
    super(code, message);
    this.name = 'RelayRejectedError';
    this.retryAfterMs = retryAfterMs;
  }
}

/** The HTTP proxy could not be used: CONNECT refused, or authentication failed. */
export class ProxyError extends TransportError {
  /** HTTP status the proxy answered with, when it answered. */
  readonly status: number | undefined;

  /**
   * @param code - {@link TransportErrorCode.PROXY_CONNECT_FAILED} or {@link TransportErrorCode.PROXY_AUTH_FAILED}
   * @param message - detail for logs (never contains credentials)
   * @param status - HTTP status from the proxy
   * @param options - standard `ErrorOptions`
   */
  constructor(code: TransportErrorCode, message: string, status?: number, options?: ErrorOptions) {
    super(code, message, options);
    this.name = 'ProxyError';
    this.status = status;
  }
}
