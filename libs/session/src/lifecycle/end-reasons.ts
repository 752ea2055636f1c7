import { END_REASONS, type EndReason } from './states';

/**
 * Who may state an end reason: one side of the call (in its authenticated `end` message and in
 * its `end` to the relay), or the relay itself (in its `end` to the peers and the audit log).
 */
export type EndReasonSender = 'guest' | 'viewer' | 'relay';

/**
 * The one table of who may state each end reason. A side cannot speak for the other (a viewer
 * claiming `consent-refused`); the call records such an end as `protocol-error`, the relay as
 * that side ending it. `expired` is the consent timeout when a side states it, and a number
 * nobody joined in time when the relay does. `interrupted` is written only by
 * `closeInterruptedSessions` after a crash.
 */
export const END_REASON_SENDERS: Readonly<Record<EndReason, readonly EndReasonSender[]>> = {
  'guest-ended': ['guest'],
  'agent-ended': ['viewer'],
  'guest-window-closed': ['guest', 'relay'],
  expired: ['guest', 'viewer', 'relay'],
  'consent-refused': ['guest'],
  'security-code-mismatch': ['guest', 'viewer'],
  'peer-lost': ['relay'],
  'protocol-error': ['guest', 'viewer', 'relay'],
  'relay-shutdown': ['relay'],
  interrupted: [],
};

const sentBy = (sender: EndReasonSender): readonly EndReason[] =>
  Object.freeze(END_REASONS.filter((reason) => END_REASON_SENDERS[reason].includes(sender)));

/** The end reasons each side of a call may state, from {@link END_REASON_SENDERS}. */
export const END_REASONS_SENT_BY: Readonly<Record<'guest' | 'viewer' | 'relay', readonly EndReason[]>> = Object.freeze({
  guest: sentBy('guest'),
  viewer: sentBy('viewer'),
  relay: sentBy('relay'),
});
