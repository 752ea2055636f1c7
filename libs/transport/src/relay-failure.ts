import { RelayRejectedError, TransportError, TransportErrorCode } from '#errors';

/**
 * What went wrong with a relay connection or a join, in the terms an app explains to a person.
 * Apps map each kind to their own words; the classification itself is this one table.
 */
export type RelayFailureKind =
  | 'token-rejected'
  | 'invalid-request'
  | 'unknown-number'
  | 'expired'
  | 'already-taken'
  | 'rate-limited'
  | 'proxy-auth-failed'
  | 'proxy-failed'
  | 'tls-failed'
  | 'unreachable'
  | 'failed';

/** The kind of failure behind every transport error code. */
export const RELAY_FAILURE_KINDS = {
  [TransportErrorCode.INVALID_ARGUMENT]: 'invalid-request',
  [TransportErrorCode.CONNECT_FAILED]: 'unreachable',
  [TransportErrorCode.TLS_FAILED]: 'tls-failed',
  [TransportErrorCode.CLOSED]: 'unreachable',
  [TransportErrorCode.HEARTBEAT_TIMEOUT]: 'unreachable',
  [TransportErrorCode.MESSAGE_TOO_LARGE]: 'failed',
  [TransportErrorCode.SEND_QUEUE_FULL]: 'failed',
  [TransportErrorCode.MALFORMED_MESSAGE]: 'failed',
  [TransportErrorCode.UNEXPECTED_MESSAGE]: 'failed',
  [TransportErrorCode.UNSUPPORTED_VERSION]: 'failed',
  [TransportErrorCode.UNAUTHORIZED]: 'token-rejected',
  [TransportErrorCode.UNKNOWN_NUMBER]: 'unknown-number',
  [TransportErrorCode.EXPIRED]: 'expired',
  [TransportErrorCode.ALREADY_TAKEN]: 'already-taken',
  [TransportErrorCode.RATE_LIMITED]: 'rate-limited',
  [TransportErrorCode.TOO_MANY_CONNECTIONS]: 'rate-limited',
  [TransportErrorCode.PEER_LEFT]: 'failed',
  [TransportErrorCode.SESSION_ENDED]: 'failed',
  [TransportErrorCode.RELAY_SHUTDOWN]: 'unreachable',
  [TransportErrorCode.TIMEOUT]: 'unreachable',
  [TransportErrorCode.PROXY_CONNECT_FAILED]: 'proxy-failed',
  [TransportErrorCode.PROXY_AUTH_FAILED]: 'proxy-auth-failed',
  [TransportErrorCode.INTERNAL]: 'failed',
  [TransportErrorCode.RELAY_UNAVAILABLE]: 'unreachable',
} as const satisfies Record<TransportErrorCode, RelayFailureKind>;

/** A classified failure. */
export interface RelayFailure {
  /** What went wrong. */
  kind: RelayFailureKind;
  /** For `rate-limited` refusals that said so: milliseconds until a new attempt may succeed. */
  retryAfterMs?: number;
}

/**
 * Classifies anything a relay client rejected with.
 *
 * @param error - what `createGuestClient`, `createAgentClient` or `waitForGuest` rejected with
 * @returns its kind ({@link RELAY_FAILURE_KINDS}; `failed` for anything that is no `TransportError`)
 */
export function classifyRelayFailure(error: unknown): RelayFailure {
  if (!(error instanceof TransportError)) return { kind: 'failed' };
  const kind = RELAY_FAILURE_KINDS[error.code];
  if (error instanceof RelayRejectedError && error.retryAfterMs !== undefined) {
    return { kind, retryAfterMs: error.retryAfterMs };
  }
  return { kind };
}
