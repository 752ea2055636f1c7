import { SessionErrorCode, SessionNumberError } from '@fernhilfe/session';
import { classifyRelayFailure, type RelayFailureKind } from '@fernhilfe/transport';
import type { JoinProblem, NumberProblem } from './customer-ui';

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

/** The relay failure kinds a customer UI explains in their own words; the rest are `other`. */
const JOIN_PROBLEMS: Partial<Record<RelayFailureKind, JoinProblem>> = {
  'unknown-number': 'unknown-number',
  expired: 'expired',
  'already-taken': 'already-taken',
  'rate-limited': 'rate-limited',
  'proxy-auth-failed': 'proxy-auth-failed',
  'proxy-failed': 'proxy-failed',
  'tls-failed': 'tls-failed',
  unreachable: 'unreachable',
};

/**
 * Says in the customer's terms why joining a session failed. (A desktop that cannot be opened
 * is `display`: the flow knows that by the step that failed, not by the error.)
 *
 * @param error - what joining threw
 * @returns the problem, and how long to wait when rate limited
 */
export function joinProblem(error: unknown): { problem: JoinProblem; retryAfterMs?: number } {
  const { kind, retryAfterMs } = classifyRelayFailure(error);
  const problem = JOIN_PROBLEMS[kind] ?? 'other';
  return retryAfterMs === undefined ? { problem } : { problem, retryAfterMs };
}
