/**
 * Every state of a support session, in the order a successful call passes through them.
 * `active-view` and `active-control` are the two modes of the active session.
 */
export const SESSION_STATES = [
  'created',
  'waiting',
  'joined',
  'handshaking',
  'awaiting-consent',
  'active-view',
  'active-control',
  'ended',
] as const;

/** One of {@link SESSION_STATES}. */
export type SessionState = (typeof SESSION_STATES)[number];

/**
 * Why a session ended. `interrupted` marks sessions found open in the audit log after a
 * relay crash (docs/architecture.md, "Data that must not be lost").
 */
export const END_REASONS = [
  'guest-ended',
  'agent-ended',
  'guest-window-closed',
  'expired',
  'consent-refused',
  'security-code-mismatch',
  'peer-lost',
  'protocol-error',
  'relay-shutdown',
  'interrupted',
] as const;

/** One of {@link END_REASONS}. */
export type EndReason = (typeof END_REASONS)[number];

/**
 * The transition table: for each state, the states it may move to. Anything else is illegal.
 * Moving to `ended` additionally needs an end reason allowed by {@link END_REASON_ALLOWED_FROM}.
 */
export const TRANSITIONS: Readonly<Record<SessionState, readonly SessionState[]>> = {
  created: ['waiting', 'ended'],
  waiting: ['joined', 'ended'],
  joined: ['handshaking', 'ended'],
  handshaking: ['awaiting-consent', 'ended'],
  'awaiting-consent': ['active-view', 'ended'],
  'active-view': ['active-control', 'ended'],
  'active-control': ['active-view', 'ended'],
  ended: [],
};

const ANY_LIVE_STATE = SESSION_STATES.filter((state) => state !== 'ended');

/** For each end reason, the states a session may end from with that reason. */
export const END_REASON_ALLOWED_FROM: Readonly<Record<EndReason, readonly SessionState[]>> = {
  'guest-ended': ANY_LIVE_STATE,
  'agent-ended': ANY_LIVE_STATE,
  'guest-window-closed': ANY_LIVE_STATE,
  expired: ['created', 'waiting', 'awaiting-consent'],
  'consent-refused': ['awaiting-consent'],
  'security-code-mismatch': ['handshaking', 'awaiting-consent'],
  'peer-lost': ANY_LIVE_STATE,
  'protocol-error': ANY_LIVE_STATE,
  'relay-shutdown': ANY_LIVE_STATE,
  interrupted: ANY_LIVE_STATE,
};

/**
 * Whether the table allows moving from `from` to `to`.
 *
 * @param from - current state
 * @param to - wanted state
 * @returns `true` when `to` is listed in {@link TRANSITIONS} for `from`
 */
export function canTransition(from: SessionState, to: SessionState): boolean {
  return TRANSITIONS[from].includes(to);
}

/**
 * Whether a session in state `from` may end with `reason`.
 *
 * @param from - current state
 * @param reason - wanted end reason
 * @returns `true` when `reason` is allowed from `from`
 */
export function canEndWith(from: SessionState, reason: EndReason): boolean {
  return END_REASON_ALLOWED_FROM[reason]?.includes(from) ?? false;
}

/**
 * Whether a value is one of the {@link END_REASONS}.
 *
 * @param value - anything
 * @returns `true` for a known end reason
 */
export function isEndReason(value: unknown): value is EndReason {
  return typeof value === 'string' && (END_REASONS as readonly string[]).includes(value);
}
