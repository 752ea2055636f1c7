import { endReasonKey, errorKey } from '../i18n/translate';
import { setText } from './dom';
import { formatCountdown, groupSecurityCode, groupSessionNumber } from './format';
import { type MakeElement, onClick, type ViewerViewActions, type ViewPart } from './view-part';

/**
 * The first card: "new session", with the last error.
 *
 * @param make - element factory
 * @param actions - `newSession` for the button
 * @returns the card
 */
export function createStartCard(make: MakeElement, actions: ViewerViewActions): ViewPart {
  const button = onClick(make('button', { class: 'fh-primary', 'data-part': 'new-session', type: 'button' }), () =>
    actions.newSession(),
  );
  const hint = make('p', { class: 'fh-hint' });
  const error = make('p', { class: 'fh-error', 'data-part': 'error', role: 'alert' });
  const heading = make('h2');
  const element = make('section', { class: 'fh-card fh-start' }, heading, button, hint, error);
  return {
    element,
    update({ state }, t) {
      const { phase } = state;
      element.hidden = phase !== 'idle' && phase !== 'creating';
      setText(heading, t('app.title'));
      setText(button, t(phase === 'creating' ? 'session.creating' : 'session.new'));
      button.disabled = phase === 'creating';
      setText(hint, t('session.idleHint'));
      if (state.error !== undefined) setText(error, t(errorKey(state.error)));
      error.hidden = state.error === undefined || phase !== 'idle';
    },
  };
}

/**
 * The session number the agent reads out, with its countdown.
 *
 * @param make - element factory
 * @returns the card
 */
export function createNumberCard(make: MakeElement): ViewPart {
  const heading = make('h2');
  const digits = make('div', { class: 'fh-number-digits', 'data-part': 'number' });
  const instruction = make('p', { class: 'fh-hint' });
  const countdown = make('div', { class: 'fh-countdown', 'data-part': 'countdown' });
  const element = make('section', { class: 'fh-card fh-number' }, heading, digits, instruction, countdown);
  return {
    element,
    update({ state: { phase, session }, now }, t) {
      element.hidden = !session || (phase !== 'waiting' && phase !== 'connected');
      setText(heading, t('session.numberLabel'));
      setText(digits, session ? groupSessionNumber(session.number) : '');
      setText(instruction, t('session.numberInstruction'));
      const expired = session !== undefined && now >= session.expiresAt;
      countdown.toggleAttribute('data-expired', expired);
      countdown.hidden = phase !== 'waiting';
      setText(
        countdown,
        !session
          ? ''
          : expired
            ? t('session.numberExpired')
            : t('session.expiresIn', { time: formatCountdown(session.expiresAt, now) }),
      );
    },
  };
}

/**
 * The security code to compare on the phone, and the "code doesn't match" button.
 *
 * @param make - element factory
 * @param actions - `rejectSecurityCode` for the button
 * @returns the card
 */
export function createCodeCard(make: MakeElement, actions: ViewerViewActions): ViewPart {
  const heading = make('h2');
  const digits = make('div', { class: 'fh-code-digits', 'data-part': 'security-code', 'aria-live': 'polite' });
  const instruction = make('p', { class: 'fh-hint' });
  const waiting = make('p', { class: 'fh-hint', 'data-part': 'consent-hint' });
  const shownAs = make('p', { class: 'fh-hint', 'data-part': 'shown-as' });
  const mismatch = onClick(make('button', { class: 'fh-danger', type: 'button', 'data-part': 'code-mismatch' }), () =>
    actions.rejectSecurityCode(),
  );
  const element = make(
    'section',
    { class: 'fh-card fh-code' },
    heading,
    digits,
    instruction,
    shownAs,
    waiting,
    mismatch,
  );
  return {
    element,
    update({ state }, t) {
      element.hidden = state.phase !== 'awaiting-consent';
      setText(heading, t('code.label'));
      setText(digits, state.securityCode ? groupSecurityCode(state.securityCode) : '');
      setText(instruction, t('code.instruction'));
      setText(waiting, t('code.waitingConsent'));
      shownAs.hidden = state.shownAs === undefined;
      setText(shownAs, state.shownAs ? t('code.shownAs', { ...state.shownAs }) : '');
      setText(mismatch, t('code.mismatch'));
    },
  };
}

/**
 * Why the session ended, and "start again".
 *
 * @param make - element factory
 * @param actions - `newSession` for the button
 * @returns the card
 */
export function createEndedCard(make: MakeElement, actions: ViewerViewActions): ViewPart {
  const heading = make('h2');
  const reason = make('p', { 'data-part': 'end-reason' });
  const again = onClick(make('button', { class: 'fh-primary', type: 'button', 'data-part': 'again' }), () =>
    actions.newSession(),
  );
  const element = make('section', { class: 'fh-card fh-ended', 'data-part': 'ended' }, heading, reason, again);
  return {
    element,
    update({ state }, t) {
      element.hidden = state.phase !== 'ended';
      setText(heading, t('session.endedTitle'));
      setText(reason, state.endReason ? t(endReasonKey(state.endReason)) : '');
      setText(again, t('session.again'));
    },
  };
}
