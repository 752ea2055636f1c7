import { stepsOf } from '../state/steps';
import { setText } from './dom';
import type { MakeElement, ViewPart } from './view-part';

/**
 * The list of steps of a support call, with the current one marked.
 *
 * @param make - element factory
 * @returns the card
 */
export function createStepsCard(make: MakeElement): ViewPart {
  const heading = make('h2');
  const list = make('ol', { 'data-part': 'steps' });
  const items = stepsOf({ phase: 'idle', controlRequested: false }).map((step) => make('li', { 'data-step': step.id }));
  list.append(...items);
  const element = make('section', { class: 'fh-card fh-steps' }, heading, list);
  return {
    element,
    update({ state }, t) {
      setText(heading, t('steps.label'));
      stepsOf(state).forEach((step, index) => {
        const item = items[index]!;
        item.dataset.status = step.status;
        setText(item, t(step.label));
        if (step.status === 'current') item.setAttribute('aria-current', 'step');
        else item.removeAttribute('aria-current');
      });
    },
  };
}
