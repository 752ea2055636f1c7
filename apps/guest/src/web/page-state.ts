import type { EndReason } from '@fernhilfe/session';
import { classifyRelayFailure, type RelayFailureKind } from '@fernhilfe/transport';
import type { NumberCheck } from './number-input';

/** Who asks to see the screen, as the relay reports it. */
export interface Agent {
  /** The agent's organisation. */
  org: string;
  /** The agent's display name. */
  agentName: string;
}

/** Why joining with a number did not work, in the terms the page explains. */
export type JoinFailure = { kind: PlainJoinFailure } | { kind: 'rate-limited'; retryAfterSeconds: number };

/** Join failures that need no detail. */
export type PlainJoinFailure = 'unknown-number' | 'expired' | 'already-taken' | 'unreachable' | 'failed';

/**
 * Why a session ended, from the customer's point of view: the protocol's end reason, or one
 * of the page's own finer causes (the customer stopped sharing in the browser, cancelled the
 * browser's screen picker, or the browser cannot capture at all).
 */
export type EndCause = EndReason | 'stopped-sharing' | 'picker-cancelled' | 'capture-unsupported';

/** How a session ended. */
export interface Outcome {
  /** Why. */
  cause: EndCause;
  /** Whether any screen content was sent before the end. */
  shared: boolean;
}

/** Everything the page shows, one variant per step of the call. */
export type PageState =
  | { step: 'enter'; input: string; check: NumberCheck; failure?: JoinFailure }
  | { step: 'connecting' }
  | { step: 'confirm'; agent: Agent; code: string }
  | { step: 'choosing'; agent: Agent }
  | { step: 'live'; agent: Agent }
  | { step: 'ended'; outcome: Outcome };

/** The start screen with an empty field. */
export const INITIAL_STATE: PageState = { step: 'enter', input: '', check: { status: 'empty' } };

/** The relay failure kinds the page explains in their own words; the rest are `failed`. */
const FAILURE_FOR_KIND: Partial<Record<RelayFailureKind, PlainJoinFailure>> = {
  'unknown-number': 'unknown-number',
  expired: 'expired',
  'already-taken': 'already-taken',
  unreachable: 'unreachable',
  // The browser sees neither the proxy nor TLS separately: to the customer the relay is unreachable.
  'tls-failed': 'unreachable',
  'proxy-failed': 'unreachable',
  'proxy-auth-failed': 'unreachable',
};

/**
 * Explains a failed join: the relay's refusals by their stable codes, anything else as a
 * generic failure.
 *
 * @param error - what `createGuestClient` rejected with
 * @returns the failure to show
 */
export function joinFailureFor(error: unknown): JoinFailure {
  const { kind, retryAfterMs = 10_000 } = classifyRelayFailure(error);
  if (kind === 'rate-limited') return { kind, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) };
  return { kind: FAILURE_FOR_KIND[kind] ?? 'failed' };
}
