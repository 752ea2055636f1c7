import type { MessageKey, Translate } from './i18n';
import type { NumberProblem } from './number-input';
import type { EndCause, JoinFailure, PageState } from './page-state';

/** The buttons the page can show; each maps to one controller action. */
export type ActionId = 'start' | 'cancel' | 'confirm' | 'refuse' | 'end' | 'back';

/** A button. */
export interface ActionView {
  /** What it does. */
  id: ActionId;
  /** Its label. */
  label: string;
  /** The main action of the step (drawn filled). */
  primary: boolean;
}

/** One piece of the card's content, top to bottom. */
export type BlockView =
  | { kind: 'text'; text: string; tone: 'plain' | 'muted' | 'error' }
  | { kind: 'number-field'; label: string; value: string; error: string | undefined }
  | { kind: 'facts'; heading: string; items: string[] }
  | { kind: 'code'; label: string; code: string; hint: string };

/** Everything the renderer needs for one state, already translated. */
export interface PageView {
  /** The step, so the renderer knows when the card's structure changed. */
  step: PageState['step'];
  /** The browser tab's title. */
  documentTitle: string;
  /** Whether the always-visible "your screen is being shared" bar is shown. */
  sharing: boolean;
  /** Heading of the card. */
  title: string;
  /** Whether a spinner shows that the page waits for something. */
  busy: boolean;
  /** Content of the card. */
  blocks: BlockView[];
  /** Buttons, in reading order. */
  actions: ActionView[];
}

const PROBLEM_KEY: Record<NumberProblem['kind'], MessageKey> = {
  empty: 'number.empty',
  'not-digits': 'number.not-digits',
  'too-short': 'number.too-short',
  'too-long': 'number.too-long',
  typo: 'number.typo',
};

const END_KEY: Record<EndCause, MessageKey> = {
  'guest-ended': 'end.guest-ended',
  'stopped-sharing': 'end.stopped-sharing',
  'agent-ended': 'end.agent-ended',
  'consent-refused': 'end.consent-refused',
  'picker-cancelled': 'end.picker-cancelled',
  'capture-unsupported': 'end.capture-unsupported',
  expired: 'end.expired',
  'security-code-mismatch': 'end.security-code-mismatch',
  'peer-lost': 'end.peer-lost',
  'protocol-error': 'end.protocol-error',
  'relay-shutdown': 'end.relay-shutdown',
  'guest-window-closed': 'end.guest-window-closed',
  interrupted: 'end.interrupted',
};

/**
 * The text for a number problem.
 *
 * @param problem - what is wrong
 * @param t - translator
 * @returns one sentence for the customer
 */
export function describeNumberProblem(problem: NumberProblem, t: Translate): string {
  return t(PROBLEM_KEY[problem.kind], 'count' in problem ? { count: problem.count } : undefined);
}

/**
 * The text for a failed join.
 *
 * @param failure - why joining failed
 * @param t - translator
 * @returns one or two sentences for the customer
 */
export function describeJoinFailure(failure: JoinFailure, t: Translate): string {
  if (failure.kind === 'rate-limited') return t('join.rate-limited', { seconds: failure.retryAfterSeconds });
  return t(`join.${failure.kind}`);
}

/**
 * The text for why a session ended.
 *
 * @param cause - the end cause
 * @param t - translator
 * @returns one or two sentences for the customer
 */
export function describeEnd(cause: EndCause, t: Translate): string {
  return t(END_KEY[cause]);
}

function text(value: string, tone: 'plain' | 'muted' | 'error' = 'plain'): BlockView {
  return { kind: 'text', text: value, tone };
}

/**
 * Turns the page state into what is shown, in one language. Pure: the renderer only draws it.
 *
 * @param state - the page state
 * @param t - translator of the chosen language
 * @returns the view
 */
export function pageView(state: PageState, t: Translate): PageView {
  const base = { step: state.step, documentTitle: t('app.name'), sharing: false, busy: false };
  switch (state.step) {
    case 'enter': {
      const problem = state.check.status === 'invalid' ? describeNumberProblem(state.check.problem, t) : undefined;
      const blocks: BlockView[] = [];
      if (state.failure !== undefined) blocks.push(text(describeJoinFailure(state.failure, t), 'error'));
      blocks.push(
        text(t('enter.intro')),
        { kind: 'number-field', label: t('enter.label'), value: state.input, error: problem },
        text(t('enter.privacy'), 'muted'),
      );
      return {
        ...base,
        title: t('enter.title'),
        blocks,
        actions: [{ id: 'start', label: t('enter.start'), primary: true }],
      };
    }
    case 'connecting':
      return {
        ...base,
        busy: true,
        title: t('connecting.title'),
        blocks: [text(t('connecting.detail'), 'muted')],
        actions: [{ id: 'cancel', label: t('connecting.cancel'), primary: false }],
      };
    case 'confirm':
      return {
        ...base,
        title: t('confirm.title'),
        blocks: [
          { kind: 'facts', heading: t('confirm.who'), items: [state.agent.agentName, state.agent.org] },
          { kind: 'code', label: t('confirm.code'), code: state.code, hint: t('confirm.code-hint') },
          {
            kind: 'facts',
            heading: t('confirm.what'),
            items: [t('confirm.what-screen'), t('confirm.what-no-files'), t('confirm.what-no-control')],
          },
        ],
        actions: [
          { id: 'confirm', label: t('confirm.yes'), primary: true },
          { id: 'refuse', label: t('confirm.no'), primary: false },
        ],
      };
    case 'choosing':
      return { ...base, busy: true, title: t('choosing.title'), blocks: [text(t('choosing.detail'))], actions: [] };
    case 'live':
      return {
        ...base,
        documentTitle: t('live.document-title'),
        sharing: true,
        title: t('live.title'),
        blocks: [
          text(t('live.with', { agentName: state.agent.agentName, org: state.agent.org })),
          text(t('live.view-only')),
          text(t('live.how-to-end'), 'muted'),
        ],
        actions: [{ id: 'end', label: t('live.end'), primary: true }],
      };
    case 'ended': {
      const blocks = [text(describeEnd(state.outcome.cause, t))];
      if (!state.outcome.shared) blocks.push(text(t('ended.nothing-shared'), 'muted'));
      return {
        ...base,
        title: t('ended.title'),
        blocks,
        actions: [{ id: 'back', label: t('ended.back'), primary: true }],
      };
    }
  }
}
