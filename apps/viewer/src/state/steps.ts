import type { MessageKey } from '../i18n/messages';
import type { ViewerPhase, ViewerState } from './viewer-state';

/** The steps of a support call, as the agent sees them. */
export const STEPS = ['waiting', 'connected', 'securityCode', 'consent', 'liveView', 'control', 'ended'] as const;

/** One of {@link STEPS}. */
export type StepId = (typeof STEPS)[number];

/** How far a step is: reached and passed, happening now, still ahead, or never reached. */
export type StepStatus = 'done' | 'current' | 'pending' | 'skipped';

/** A step with its status and label key. */
export interface StepView {
  id: StepId;
  status: StepStatus;
  label: MessageKey;
}

const CURRENT_STEP: Readonly<Record<Exclude<ViewerPhase, 'idle' | 'creating' | 'ended'>, number>> = {
  waiting: 0,
  connected: 1,
  'awaiting-consent': 3,
  'live-view': 4,
  'live-control': 5,
};

/**
 * The step list for a state. In `ended`, steps that were reached stay `done` and the rest
 * are `skipped`.
 *
 * @param state - viewer state
 * @returns one entry per step in {@link STEPS} order
 */
export function stepsOf(state: ViewerState): StepView[] {
  const reached = furthestStepIndex(state);
  const ended = state.phase === 'ended';
  return STEPS.map((id, index): StepView => {
    let status: StepStatus;
    if (ended) status = index === STEPS.length - 1 ? 'current' : index <= reached ? 'done' : 'skipped';
    else if (reached < 0) status = 'pending';
    else status = index < reached ? 'done' : index === reached ? 'current' : 'pending';
    return { id, status, label: `steps.${id}` };
  });
}

function furthestStepIndex(state: ViewerState): number {
  if (state.phase === 'idle' || state.phase === 'creating') return -1;
  if (state.phase !== 'ended') return CURRENT_STEP[state.phase];
  if (state.liveSince !== undefined) return 4;
  if (state.securityCode !== undefined) return 2;
  return state.session ? 0 : -1;
}
