import type { MessageKey } from '../i18n/messages';
import { isControlOn, isLive, type ViewerState } from '../state/viewer-state';
import { setText } from './dom';
import type { MakeElement, ViewPart } from './view-part';

function placeholderKey(phase: ViewerState['phase']): MessageKey {
  if (phase === 'live-view' || phase === 'live-control') return 'screen.waitingFirstFrame';
  if (phase === 'idle' || phase === 'creating') return 'session.idleHint';
  if (phase === 'ended') return 'session.endedTitle';
  return 'screen.notYet';
}

/**
 * The line above the screen that says the customer refused or took back control.
 *
 * @param make - element factory
 * @returns the notice
 */
export function createControlNotice(make: MakeElement): ViewPart {
  const element = make('p', { class: 'fh-notice', 'data-part': 'notice', role: 'status' });
  return {
    element,
    update({ state }, t) {
      element.hidden = !isLive(state) || state.notice === undefined;
      if (state.notice) setText(element, t(state.notice === 'control-refused' ? 'control.refused' : 'control.revoked'));
    },
  };
}

/**
 * The warning that the customer's desktop refuses the agent's input (an elevated window, a
 * secure desktop). Shown only while control is on; the reducer clears it when control ends.
 *
 * @param make - element factory
 * @returns the notice
 */
export function createInputBlockedNotice(make: MakeElement): ViewPart {
  const element = make('p', { class: 'fh-notice', 'data-part': 'input-blocked', role: 'status' });
  return {
    element,
    update({ state }, t) {
      const reason = isControlOn(state) ? state.inputBlocked : undefined;
      element.hidden = reason === undefined;
      if (reason !== undefined) setText(element, t(`control.blocked.${reason}`));
    },
  };
}

/**
 * The element the renderer draws the remote screen into, with a placeholder until the first picture.
 *
 * @param make - element factory
 * @returns the viewport
 */
export function createViewport(make: MakeElement): ViewPart {
  const placeholder = make('div', { class: 'fh-placeholder', 'data-part': 'placeholder' });
  const element = make('div', { class: 'fh-viewport', 'data-part': 'viewport' }, placeholder);
  return {
    element,
    update({ state, hasPicture }, t) {
      element.toggleAttribute('data-control', isControlOn(state));
      element.setAttribute('aria-label', t('screen.label'));
      placeholder.hidden = hasPicture;
      setText(placeholder, t(placeholderKey(state.phase)));
    },
  };
}
