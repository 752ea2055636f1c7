import type { InputBlockedReason } from '@fernhilfe/call';
import type { EndReason } from '../connection/end-reasons';
import type { ControlChange, CreatedSession } from '../connection/viewer-connection';
import type { ViewerErrorCode } from '../errors';

/** Where the viewer is in a support call. */
export type ViewerPhase =
  | 'idle'
  | 'creating'
  | 'waiting'
  | 'connected'
  | 'awaiting-consent'
  | 'live-view'
  | 'live-control'
  | 'ended';

/** A short message about control that the UI shows until the next control change. */
export type ControlNotice = 'control-refused' | 'control-revoked';

/** Everything the UI shows, as plain data. */
export interface ViewerState {
  readonly phase: ViewerPhase;
  /** Set once the relay created the session. */
  readonly session?: CreatedSession;
  /** Agent name and organisation the relay showed the customer, once a guest joined. */
  readonly shownAs?: ShownAs;
  /** The 6-digit security code, once the handshake finished. */
  readonly securityCode?: string;
  /** A control request is waiting for the customer's answer. */
  readonly controlRequested: boolean;
  readonly notice?: ControlNotice;
  /**
   * While control is on: why the customer's desktop refuses the agent's input, as the guest
   * last reported it. Cleared when control ends (the guest cannot tell when input gets through again).
   */
  readonly inputBlocked?: InputBlockedReason;
  readonly endReason?: EndReason;
  /** Last error reported; cleared by the next session. */
  readonly error?: ViewerErrorCode;
  /** When the customer consented (ms since epoch): the session duration counts from here. */
  readonly liveSince?: number;
  /** When the session ended (ms since epoch). */
  readonly endedAt?: number;
}

/** Who the customer is told is asking: the agent name and organisation the relay has for the token. */
export interface ShownAs {
  readonly agentName: string;
  readonly org: string;
}

/** Something that happened, from the connection or the agent. */
export type ViewerEvent =
  | { type: 'create-started' }
  | { type: 'created'; session: CreatedSession }
  | { type: 'create-failed'; code: ViewerErrorCode }
  | { type: 'paired'; shownAs?: ShownAs }
  | { type: 'security-code'; code: string }
  | { type: 'consent'; at: number }
  | { type: 'control-requested' }
  | { type: 'control'; change: ControlChange }
  | { type: 'control-released' }
  | { type: 'input-blocked'; reason: InputBlockedReason }
  | { type: 'ended'; reason: EndReason; at: number }
  | { type: 'error'; code: ViewerErrorCode };

/** The state before any session. */
export const INITIAL_VIEWER_STATE: ViewerState = Object.freeze({ phase: 'idle', controlRequested: false });

const LIVE: readonly ViewerPhase[] = ['live-view', 'live-control'];
const ENDABLE: readonly ViewerPhase[] = ['waiting', 'connected', 'awaiting-consent', 'live-view', 'live-control'];

/**
 * Applies one event. Events that make no sense in the current phase (late, duplicated or
 * out of order) leave the state unchanged, so the UI never jumps backwards.
 *
 * @param state - current state
 * @param event - what happened
 * @returns the next state (the same object when nothing changed)
 */
export function reduceViewerState(state: ViewerState, event: ViewerEvent): ViewerState {
  switch (event.type) {
    case 'create-started':
      return state.phase === 'idle' || state.phase === 'ended' ? { phase: 'creating', controlRequested: false } : state;
    case 'created':
      return state.phase === 'creating' ? { ...state, phase: 'waiting', session: event.session } : state;
    case 'create-failed':
      return state.phase === 'creating' ? { phase: 'idle', controlRequested: false, error: event.code } : state;
    case 'paired':
      if (state.phase !== 'waiting') return state;
      return event.shownAs
        ? { ...state, phase: 'connected', shownAs: event.shownAs }
        : { ...state, phase: 'connected' };
    case 'security-code':
      return state.phase === 'waiting' || state.phase === 'connected'
        ? { ...state, phase: 'awaiting-consent', securityCode: event.code }
        : state;
    case 'consent':
      return state.phase === 'awaiting-consent' ? { ...state, phase: 'live-view', liveSince: event.at } : state;
    case 'control-requested':
      return state.phase === 'live-view' && !state.controlRequested
        ? { ...state, controlRequested: true, notice: undefined }
        : state;
    case 'control':
      return applyControlChange(state, event.change);
    case 'control-released':
      return state.phase === 'live-control'
        ? { ...state, phase: 'live-view', notice: undefined, inputBlocked: undefined }
        : state;
    case 'input-blocked':
      return state.phase === 'live-control' && state.inputBlocked !== event.reason
        ? { ...state, inputBlocked: event.reason }
        : state;
    case 'ended':
      return ENDABLE.includes(state.phase) || state.phase === 'creating'
        ? {
            ...state,
            phase: 'ended',
            endReason: event.reason,
            endedAt: event.at,
            controlRequested: false,
            inputBlocked: undefined,
          }
        : state;
    case 'error':
      return { ...state, error: event.code };
  }
}

function applyControlChange(state: ViewerState, change: ControlChange): ViewerState {
  if (!LIVE.includes(state.phase)) return state;
  switch (change) {
    case 'granted':
      return { ...state, phase: 'live-control', controlRequested: false, notice: undefined, inputBlocked: undefined };
    case 'refused':
      return state.controlRequested ? { ...state, controlRequested: false, notice: 'control-refused' } : state;
    case 'revoked':
      return {
        ...state,
        phase: 'live-view',
        controlRequested: false,
        notice: 'control-revoked',
        inputBlocked: undefined,
      };
  }
}

/**
 * @param state - viewer state
 * @returns whether pointer and keyboard input is forwarded
 */
export function isControlOn(state: ViewerState): boolean {
  return state.phase === 'live-control';
}

/**
 * @param state - viewer state
 * @returns whether the session can be ended by the agent
 */
export function canEnd(state: ViewerState): boolean {
  return ENDABLE.includes(state.phase);
}

/**
 * @param state - viewer state
 * @returns whether the customer's screen is shown
 */
export function isLive(state: ViewerState): boolean {
  return LIVE.includes(state.phase);
}
