import { SessionError, SessionErrorCode } from '../errors';
import type { EndReason, SessionState } from './states';
import { transition } from './transition';

/** Configurable timeouts of the lifecycle, in milliseconds. */
export interface LifecycleTimeouts {
  /**
   * How long a session waits for a guest after it was created.
   * @default 600_000 (10 min)
   */
  waitingForGuestMs?: number;
  /**
   * How long the guest has to confirm the security code and consent.
   * @default 120_000 (2 min)
   */
  consentMs?: number;
}

/** Default timeouts: 10 minutes for a guest to join, 2 minutes for consent. */
export const DEFAULT_LIFECYCLE_TIMEOUTS: Readonly<Required<LifecycleTimeouts>> = Object.freeze({
  waitingForGuestMs: 600_000,
  consentMs: 120_000,
});

/** Options of {@link createLifecycle}. */
export interface LifecycleOptions {
  /** Timeouts; missing ones take {@link DEFAULT_LIFECYCLE_TIMEOUTS}. */
  timeouts?: LifecycleTimeouts;
  /**
   * Clock in milliseconds since the epoch.
   * @default Date.now
   */
  clock?: () => number;
  /** Initial state, e.g. `joined` for a guest that starts after the relay paired it. @default 'created' */
  initialState?: SessionState;
  /** Called after every accepted transition. */
  onTransition?: (change: LifecycleChange) => void;
}

/** One accepted step of a lifecycle. */
export interface LifecycleChange {
  /** State before the step. */
  from: SessionState;
  /** State after the step. */
  to: SessionState;
  /** End reason when `to` is `ended`. */
  reason?: EndReason;
  /** Clock reading when the step was taken. */
  at: number;
}

/** A session's lifecycle: the current state, the deadline of a timed state and the steps taken. */
export interface Lifecycle {
  /** Current state. */
  readonly state: SessionState;
  /** End reason once `state` is `ended`. */
  readonly endReason: EndReason | undefined;
  /** When the current state times out (ms since epoch), or `undefined` if it does not. */
  readonly deadline: number | undefined;
  /** Every accepted step, oldest first. */
  readonly history: readonly LifecycleChange[];
  /**
   * Moves to `to`.
   * @param to - wanted state (use {@link Lifecycle.end} for `ended`)
   * @throws {@link SessionTransitionError} when the table does not allow the step
   */
  transition(to: SessionState): void;
  /**
   * Ends the session.
   * @param reason - why
   * @throws {@link SessionTransitionError} if already ended or `reason` is not allowed from the current state
   */
  end(reason: EndReason): void;
  /**
   * Ends the session with `expired` if the current state's deadline has passed.
   * @returns `true` if the session expired now
   */
  expireIfDue(): boolean;
  /** Whether the session is not yet ended. */
  readonly isLive: boolean;
}

function positiveDuration(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new SessionError(SessionErrorCode.INVALID_ARGUMENT, `${name} must be a positive number of ms`);
  }
  return value;
}

/**
 * Creates a lifecycle that enforces the transition table and the two timeouts. It starts no
 * timers: the owner reads `deadline` and calls `expireIfDue()` (pure logic, injectable clock).
 *
 * @param options - see {@link LifecycleOptions}
 * @returns a new {@link Lifecycle}
 * @throws {@link SessionError} `SESSION_INVALID_ARGUMENT` for a non-positive timeout
 *
 * @example
 * ```ts
 * const life = createLifecycle();
 * life.transition('waiting');   // deadline = now + 10 min
 * life.transition('joined');
 * life.end('agent-ended');
 * ```
 */
export function createLifecycle(options: LifecycleOptions = {}): Lifecycle {
  const clock = options.clock ?? Date.now;
  const waitingMs = positiveDuration(
    options.timeouts?.waitingForGuestMs ?? DEFAULT_LIFECYCLE_TIMEOUTS.waitingForGuestMs,
    'waitingForGuestMs',
  );
  const consentMs = positiveDuration(options.timeouts?.consentMs ?? DEFAULT_LIFECYCLE_TIMEOUTS.consentMs, 'consentMs');
  let state: SessionState = options.initialState ?? 'created';
  let endReason: EndReason | undefined;
  let deadline: number | undefined;
  const history: LifecycleChange[] = [];

  const deadlineFor = (entered: SessionState, now: number): number | undefined => {
    if (entered === 'waiting') return now + waitingMs;
    if (entered === 'awaiting-consent') return now + consentMs;
    return undefined;
  };

  const step = (to: SessionState, reason?: EndReason) => {
    transition(state, to, reason);
    const at = clock();
    const change: LifecycleChange = reason === undefined ? { from: state, to, at } : { from: state, to, reason, at };
    state = to;
    endReason = reason;
    deadline = deadlineFor(to, at);
    history.push(change);
    options.onTransition?.(change);
  };

  if (state !== 'ended') deadline = deadlineFor(state, clock());

  return {
    get state() {
      return state;
    },
    get endReason() {
      return endReason;
    },
    get deadline() {
      return deadline;
    },
    get history() {
      return history;
    },
    get isLive() {
      return state !== 'ended';
    },
    transition: (to) => step(to),
    end: (reason) => step('ended', reason),
    expireIfDue: () => {
      if (deadline === undefined || clock() < deadline) return false;
      step('ended', 'expired');
      return true;
    },
  };
}
