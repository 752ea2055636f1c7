import { SessionErrorCode, SessionTransitionError } from '../errors';
import { canEndWith, canTransition, type EndReason, type SessionState } from './states';

/**
 * Checks one step against the transition table, without any state of its own.
 *
 * @param from - current state
 * @param to - wanted state
 * @param reason - required when `to` is `ended`, forbidden otherwise
 * @returns `to`
 * @throws {@link SessionTransitionError} `SESSION_ILLEGAL_TRANSITION` when the table does not
 *   allow the step, `SESSION_ILLEGAL_END_REASON` when the end reason is missing or not allowed from `from`
 */
export function transition(from: SessionState, to: SessionState, reason?: EndReason): SessionState {
  if (!canTransition(from, to)) {
    throw new SessionTransitionError(SessionErrorCode.ILLEGAL_TRANSITION, `no transition ${from} → ${to}`);
  }
  if (to === 'ended') {
    if (reason === undefined || !canEndWith(from, reason)) {
      throw new SessionTransitionError(
        SessionErrorCode.ILLEGAL_END_REASON,
        `a session in ${from} cannot end with ${String(reason)}`,
      );
    }
  } else if (reason !== undefined) {
    throw new SessionTransitionError(SessionErrorCode.ILLEGAL_END_REASON, `only ended takes a reason, not ${to}`);
  }
  return to;
}
