import { SessionErrorCode, SessionNumberError } from '@fernhilfe/session';
import { RelayRejectedError, TransportError, TransportErrorCode } from '@fernhilfe/transport';
import { GuestError } from '../errors';
import type { JoinProblem, NumberProblem } from './ui-text';

/**
 * Says in the customer's terms what is wrong with a typed number.
 *
 * @param error - what `parseSessionNumber` threw
 * @returns the problem
 * @throws the error itself when it is not a {@link SessionNumberError}
 */
export function numberProblem(error: unknown): NumberProblem {
  if (!(error instanceof SessionNumberError)) throw error;
  switch (error.code) {
    case SessionErrorCode.NUMBER_CHECK_DIGIT_WRONG:
      return 'typo';
    case SessionErrorCode.NUMBER_TOO_SHORT:
      return 'too-short';
    case SessionErrorCode.NUMBER_TOO_LONG:
      return 'too-long';
    default:
      return 'not-digits';
  }
}

const JOIN_PROBLEMS: Partial<Record<string, JoinProblem>> = {
  [TransportErrorCode.UNKNOWN_NUMBER]: 'unknown-number',
  [TransportErrorCode.EXPIRED]: 'expired',
  [TransportErrorCode.ALREADY_TAKEN]: 'already-taken',
  [TransportErrorCode.RATE_LIMITED]: 'rate-limited',
  [TransportErrorCode.TOO_MANY_CONNECTIONS]: 'rate-limited',
  [TransportErrorCode.PROXY_AUTH_FAILED]: 'proxy-auth-failed',
  [TransportErrorCode.PROXY_CONNECT_FAILED]: 'proxy-failed',
  [TransportErrorCode.TLS_FAILED]: 'tls-failed',
  [TransportErrorCode.CONNECT_FAILED]: 'unreachable',
  [TransportErrorCode.TIMEOUT]: 'unreachable',
  [TransportErrorCode.CLOSED]: 'unreachable',
  [TransportErrorCode.RELAY_SHUTDOWN]: 'unreachable',
};

/**
 * Says in the customer's terms why joining a session failed.
 *
 * @param error - what joining threw
 * @returns the problem, and how long to wait when rate limited
 */
export function joinProblem(error: unknown): { problem: JoinProblem; retryAfterMs?: number } {
  if (error instanceof GuestError) return { problem: 'display' };
  if (!(error instanceof TransportError)) return { problem: 'other' };
  const problem = JOIN_PROBLEMS[error.code] ?? 'other';
  if (error instanceof RelayRejectedError && error.retryAfterMs !== undefined) {
    return { problem, retryAfterMs: error.retryAfterMs };
  }
  return { problem };
}
