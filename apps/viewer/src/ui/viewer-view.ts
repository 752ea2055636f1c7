import { LANGUAGES, type Lang, type MessageKey } from '../i18n/messages';
import { endReasonKey, errorKey, translator } from '../i18n/translate';
import { KEY_COMBO_IDS, type KeyComboId } from '../input/key-combos';
import type { ScaleMode } from '../render/viewport';
import { stepsOf } from '../state/steps';
import { canEnd, isControlOn, isLive, type ViewerState } from '../state/viewer-state';
import type { ViewerStats } from '../stats/stats-meter';
import { h, setText } from './dom';
import { formatCountdown, formatDuration, formatFigure, groupSecurityCode, groupSessionNumber } from './format';
import { VIEWER_STYLES } from './styles';

function placeholderKey(phase: ViewerState['phase']): MessageKey {
  if (phase === 'live-view' || phase === 'live-control') return 'screen.waitingFirstFrame';
  if (phase === 'idle' || phase === 'creating') return 'session.idleHint';
  if (phase === 'ended') return 'session.endedTitle';
  return 'screen.notYet';
}

/** What the agent can do in the view. */
export interface ViewerViewActions {
  newSession(): void;
  rejectSecurityCode(): void;
  requestControl(): void;
  releaseControl(): void;
  end(): void;
  sendKeyCombo(id: KeyComboId): void;
  setMode(mode: ScaleMode): void;
  setLang(lang: Lang): void;
}

/** Everything the view shows. */
export interface ViewerViewModel {
  state: ViewerState;
  stats: ViewerStats;
  lang: Lang;
  mode: ScaleMode;
  now: number;
  /** A picture has been painted. */
  hasPicture: boolean;
}

/** The viewer's DOM inside a shadow root. */
export interface ViewerView {
  /** The element the renderer draws into. */
  readonly viewport: HTMLElement;
  update(model: ViewerViewModel): void;
}

/**
 * Builds the viewer UI into `root` (a shadow root): session panel on the side, screen,
 * toolbar and status bar in the main area. All texts come from the i18n table.
 *
 * @param root - shadow root to render into
 * @param actions - callbacks for buttons
 * @param languageSwitch - show the DE/EN switch in the toolbar
 * @returns the view
 */
export function createViewerView(root: ShadowRoot, actions: ViewerViewActions, languageSwitch = true): ViewerView {
  const doc = root.ownerDocument;
  const el = <K extends keyof HTMLElementTagNameMap>(
    tag: K,
    attributes: Record<string, string | boolean | undefined> = {},
    ...children: (Node | string)[]
  ) => h(doc, tag, attributes, ...children);

  // A constructed stylesheet, not a <style> element: it works under a page CSP without 'unsafe-inline'.
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(VIEWER_STYLES);
  root.adoptedStyleSheets = [sheet];

  const newSessionButton = el('button', { class: 'fh-primary', 'data-part': 'new-session', type: 'button' });
  const startHint = el('p', { class: 'fh-hint' });
  const startError = el('p', { class: 'fh-error', 'data-part': 'error', role: 'alert' });
  const startHeading = el('h2');
  const startCard = el('section', { class: 'fh-card fh-start' }, startHeading, newSessionButton, startHint, startError);

  const numberHeading = el('h2');
  const numberDigits = el('div', { class: 'fh-number-digits', 'data-part': 'number' });
  const numberInstruction = el('p', { class: 'fh-hint' });
  const countdown = el('div', { class: 'fh-countdown', 'data-part': 'countdown' });
  const numberCard = el(
    'section',
    { class: 'fh-card fh-number' },
    numberHeading,
    numberDigits,
    numberInstruction,
    countdown,
  );

  const codeHeading = el('h2');
  const codeDigits = el('div', { class: 'fh-code-digits', 'data-part': 'security-code', 'aria-live': 'polite' });
  const codeInstruction = el('p', { class: 'fh-hint' });
  const codeWaiting = el('p', { class: 'fh-hint', 'data-part': 'consent-hint' });
  const codeShownAs = el('p', { class: 'fh-hint', 'data-part': 'shown-as' });
  const mismatchButton = el('button', { class: 'fh-danger', type: 'button', 'data-part': 'code-mismatch' });
  const codeCard = el(
    'section',
    { class: 'fh-card fh-code' },
    codeHeading,
    codeDigits,
    codeInstruction,
    codeShownAs,
    codeWaiting,
    mismatchButton,
  );

  const stepsHeading = el('h2');
  const stepsList = el('ol', { 'data-part': 'steps' });
  const stepItems = stepsOf({ phase: 'idle', controlRequested: false }).map((step) =>
    el('li', { 'data-step': step.id }),
  );
  stepsList.append(...stepItems);
  const stepsCard = el('section', { class: 'fh-card fh-steps' }, stepsHeading, stepsList);

  const endedHeading = el('h2');
  const endedReason = el('p', { 'data-part': 'end-reason' });
  const againButton = el('button', { class: 'fh-primary', type: 'button', 'data-part': 'again' });
  const endedCard = el(
    'section',
    { class: 'fh-card fh-ended', 'data-part': 'ended' },
    endedHeading,
    endedReason,
    againButton,
  );

  const side = el('aside', { class: 'fh-side' }, startCard, numberCard, codeCard, endedCard, stepsCard);

  const indicator = el('span', { class: 'fh-indicator', 'data-part': 'control-indicator', role: 'status' });
  const requestButton = el('button', { class: 'fh-primary', type: 'button', 'data-part': 'request-control' });
  const releaseButton = el('button', { type: 'button', 'data-part': 'release-control' });
  const combosSummary = el('summary', { 'data-part': 'combos' });
  const combosList = el('ul', { role: 'menu' });
  const comboButtons = KEY_COMBO_IDS.map((id) => {
    const button = el('button', { type: 'button', role: 'menuitem', 'data-combo': id });
    combosList.append(el('li', {}, button));
    return button;
  });
  const combos = el('details', { class: 'fh-combos' }, combosSummary, combosList);
  const fitButton = el('button', { type: 'button', 'data-part': 'mode-fit' });
  const actualButton = el('button', { type: 'button', 'data-part': 'mode-1to1' });
  const modeGroup = el('div', { class: 'fh-segmented', role: 'group' }, fitButton, actualButton);
  const langButtons = LANGUAGES.map((lang) => el('button', { type: 'button', 'data-lang': lang }, lang.toUpperCase()));
  const langGroup = el('div', { class: 'fh-segmented', role: 'group' }, ...langButtons);
  const endButton = el('button', { class: 'fh-danger', type: 'button', 'data-part': 'end' });
  const toolbar = el(
    'div',
    { class: 'fh-toolbar' },
    indicator,
    requestButton,
    releaseButton,
    combos,
    el('span', { class: 'fh-spacer' }),
    modeGroup,
    langGroup,
    endButton,
  );
  const notice = el('p', { class: 'fh-notice', 'data-part': 'notice', role: 'status' });
  const placeholder = el('div', { class: 'fh-placeholder', 'data-part': 'placeholder' });
  const viewport = el('div', { class: 'fh-viewport', 'data-part': 'viewport' }, placeholder);
  const statusCells = {
    fps: el('span', { 'data-part': 'fps' }),
    kbps: el('span', { 'data-part': 'kbps' }),
    rtt: el('span', { 'data-part': 'rtt' }),
    duration: el('span', { 'data-part': 'duration' }),
  };
  const status = el(
    'footer',
    { class: 'fh-status', 'data-part': 'status' },
    statusCells.fps,
    statusCells.kbps,
    statusCells.rtt,
    statusCells.duration,
  );
  const main = el('section', { class: 'fh-main' }, toolbar, notice, viewport, status);
  const shell = el('div', { class: 'fh-root' }, side, main);
  root.append(shell);

  newSessionButton.addEventListener('click', () => actions.newSession());
  againButton.addEventListener('click', () => actions.newSession());
  mismatchButton.addEventListener('click', () => actions.rejectSecurityCode());
  requestButton.addEventListener('click', () => actions.requestControl());
  releaseButton.addEventListener('click', () => actions.releaseControl());
  endButton.addEventListener('click', () => actions.end());
  fitButton.addEventListener('click', () => actions.setMode('fit'));
  actualButton.addEventListener('click', () => actions.setMode('1:1'));
  for (const button of langButtons)
    button.addEventListener('click', () => actions.setLang(button.dataset.lang as Lang));
  for (const button of comboButtons) {
    button.addEventListener('click', () => {
      combos.open = false;
      actions.sendKeyCombo(button.dataset.combo as KeyComboId);
    });
  }

  const statusCell = (cell: HTMLElement, label: string, value: string) => {
    const text = `${label}${value}`;
    if (cell.dataset.text === text) return;
    cell.dataset.text = text;
    cell.replaceChildren(label, ' ', h(doc, 'b', {}, value));
  };

  return {
    viewport,
    update({ state, stats, lang, mode, now, hasPicture }) {
      const t = translator(lang);
      shell.lang = lang;
      const { phase, session } = state;
      const live = isLive(state);
      const control = isControlOn(state);

      startCard.hidden = phase !== 'idle' && phase !== 'creating';
      setText(startHeading, t('app.title'));
      setText(newSessionButton, t(phase === 'creating' ? 'session.creating' : 'session.new'));
      newSessionButton.disabled = phase === 'creating';
      setText(startHint, t('session.idleHint'));
      if (state.error !== undefined) setText(startError, t(errorKey(state.error)));
      startError.hidden = state.error === undefined || phase !== 'idle';

      numberCard.hidden = !session || (phase !== 'waiting' && phase !== 'connected');
      setText(numberHeading, t('session.numberLabel'));
      setText(numberDigits, session ? groupSessionNumber(session.number) : '');
      setText(numberInstruction, t('session.numberInstruction'));
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

      codeCard.hidden = phase !== 'awaiting-consent';
      setText(codeHeading, t('code.label'));
      setText(codeDigits, state.securityCode ? groupSecurityCode(state.securityCode) : '');
      setText(codeInstruction, t('code.instruction'));
      setText(codeWaiting, t('code.waitingConsent'));
      codeShownAs.hidden = state.shownAs === undefined;
      setText(codeShownAs, state.shownAs ? t('code.shownAs', { ...state.shownAs }) : '');
      setText(mismatchButton, t('code.mismatch'));

      endedCard.hidden = phase !== 'ended';
      setText(endedHeading, t('session.endedTitle'));
      setText(endedReason, state.endReason ? t(endReasonKey(state.endReason)) : '');
      setText(againButton, t('session.again'));

      setText(stepsHeading, t('steps.label'));
      stepsOf(state).forEach((step, index) => {
        const item = stepItems[index]!;
        item.dataset.status = step.status;
        setText(item, t(step.label));
        if (step.status === 'current') item.setAttribute('aria-current', 'step');
        else item.removeAttribute('aria-current');
      });

      indicator.toggleAttribute('data-on', control);
      setText(indicator, t(control ? 'control.on' : 'control.off'));
      indicator.hidden = !live;
      requestButton.hidden = !live || control;
      requestButton.disabled = state.controlRequested;
      setText(requestButton, t(state.controlRequested ? 'control.requested' : 'control.request'));
      releaseButton.hidden = !control;
      setText(releaseButton, t('control.release'));
      combos.hidden = !control;
      if (!control) combos.open = false;
      setText(combosSummary, t('control.combos'));
      comboButtons.forEach((button, index) => {
        setText(button, t(`combo.${KEY_COMBO_IDS[index]!}`));
      });
      setText(fitButton, t('screen.fit'));
      setText(actualButton, t('screen.actualSize'));
      fitButton.setAttribute('aria-pressed', String(mode === 'fit'));
      actualButton.setAttribute('aria-pressed', String(mode === '1:1'));
      langGroup.hidden = !languageSwitch;
      for (const button of langButtons) {
        button.setAttribute('aria-pressed', String(button.dataset.lang === lang));
        button.title = t(`language.${button.dataset.lang as Lang}`);
      }
      langGroup.setAttribute('aria-label', t('language.label'));
      endButton.hidden = !canEnd(state);
      setText(endButton, t('session.end'));

      notice.hidden = !live || state.notice === undefined;
      if (state.notice) setText(notice, t(state.notice === 'control-refused' ? 'control.refused' : 'control.revoked'));

      viewport.toggleAttribute('data-control', control);
      viewport.setAttribute('aria-label', t('screen.label'));
      placeholder.hidden = hasPicture;
      setText(placeholder, t(placeholderKey(phase)));

      status.hidden = !live && state.liveSince === undefined;
      statusCell(statusCells.fps, t('status.fps'), formatFigure(stats.framesPerSecond, 1, lang));
      statusCell(statusCells.kbps, t('status.kbps'), formatFigure(stats.kilobitsPerSecond, 0, lang));
      statusCell(
        statusCells.rtt,
        t('status.rtt'),
        stats.roundTripMs === undefined ? '–' : `${Math.round(stats.roundTripMs)} ms`,
      );
      statusCell(statusCells.duration, t('status.duration'), formatDuration(stats.durationMs));
    },
  };
}
