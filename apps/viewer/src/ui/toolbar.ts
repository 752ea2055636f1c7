import { LANGUAGES, type Lang } from '../i18n/messages';
import { KEY_COMBO_IDS, type KeyComboId } from '../input/key-combos';
import { canEnd, isControlOn, isLive } from '../state/viewer-state';
import { setText } from './dom';
import { type MakeElement, onClick, partGroup, type ViewerViewActions, type ViewPart } from './view-part';

function createControlIndicator(make: MakeElement): ViewPart {
  const element = make('span', { class: 'fh-indicator', 'data-part': 'control-indicator', role: 'status' });
  return {
    element,
    update({ state }, t) {
      const control = isControlOn(state);
      element.toggleAttribute('data-on', control);
      setText(element, t(control ? 'control.on' : 'control.off'));
      element.hidden = !isLive(state);
    },
  };
}

function createControlButtons(make: MakeElement, actions: ViewerViewActions): ViewPart[] {
  const request = onClick(make('button', { class: 'fh-primary', type: 'button', 'data-part': 'request-control' }), () =>
    actions.requestControl(),
  );
  const release = onClick(make('button', { type: 'button', 'data-part': 'release-control' }), () =>
    actions.releaseControl(),
  );
  const requestPart: ViewPart = {
    element: request,
    update({ state }, t) {
      request.hidden = !isLive(state) || isControlOn(state);
      request.disabled = state.controlRequested;
      setText(request, t(state.controlRequested ? 'control.requested' : 'control.request'));
    },
  };
  const releasePart: ViewPart = {
    element: release,
    update({ state }, t) {
      release.hidden = !isControlOn(state);
      setText(release, t('control.release'));
    },
  };
  return [requestPart, releasePart];
}

/** The menu of key combinations the browser would swallow (Ctrl+Alt+Del, …), shown while control is on. */
function createKeyCombos(make: MakeElement, actions: ViewerViewActions): ViewPart {
  const summary = make('summary', { 'data-part': 'combos' });
  const list = make('ul', { role: 'menu' });
  const element = make('details', { class: 'fh-combos' }, summary, list);
  const buttons = KEY_COMBO_IDS.map((id) => {
    const button = onClick(make('button', { type: 'button', role: 'menuitem', 'data-combo': id }), () => {
      element.open = false;
      actions.sendKeyCombo(button.dataset.combo as KeyComboId);
    });
    list.append(make('li', {}, button));
    return button;
  });
  return {
    element,
    update({ state }, t) {
      const control = isControlOn(state);
      element.hidden = !control;
      if (!control) element.open = false;
      setText(summary, t('control.combos'));
      buttons.forEach((button, index) => {
        setText(button, t(`combo.${KEY_COMBO_IDS[index]!}`));
      });
    },
  };
}

function createModeSwitch(make: MakeElement, actions: ViewerViewActions): ViewPart {
  const fit = onClick(make('button', { type: 'button', 'data-part': 'mode-fit' }), () => actions.setMode('fit'));
  const actual = onClick(make('button', { type: 'button', 'data-part': 'mode-1to1' }), () => actions.setMode('1:1'));
  return {
    element: make('div', { class: 'fh-segmented', role: 'group' }, fit, actual),
    update({ mode }, t) {
      setText(fit, t('screen.fit'));
      setText(actual, t('screen.actualSize'));
      fit.setAttribute('aria-pressed', String(mode === 'fit'));
      actual.setAttribute('aria-pressed', String(mode === '1:1'));
    },
  };
}

function createLanguageSwitch(make: MakeElement, actions: ViewerViewActions, shown: boolean): ViewPart {
  const buttons = LANGUAGES.map((lang) =>
    onClick(make('button', { type: 'button', 'data-lang': lang }, lang.toUpperCase()), () => actions.setLang(lang)),
  );
  const element = make('div', { class: 'fh-segmented', role: 'group' }, ...buttons);
  return {
    element,
    update({ lang }, t) {
      element.hidden = !shown;
      for (const button of buttons) {
        button.setAttribute('aria-pressed', String(button.dataset.lang === lang));
        button.title = t(`language.${button.dataset.lang as Lang}`);
      }
      element.setAttribute('aria-label', t('language.label'));
    },
  };
}

function createEndButton(make: MakeElement, actions: ViewerViewActions): ViewPart {
  const element = onClick(make('button', { class: 'fh-danger', type: 'button', 'data-part': 'end' }), () =>
    actions.end(),
  );
  return {
    element,
    update({ state }, t) {
      element.hidden = !canEnd(state);
      setText(element, t('session.end'));
    },
  };
}

/**
 * The toolbar above the screen: control state and buttons, key combinations, scale mode,
 * language and "end session".
 *
 * @param make - element factory
 * @param actions - what the buttons do
 * @param languageSwitch - show the DE/EN switch
 * @returns the toolbar
 */
export function createToolbar(make: MakeElement, actions: ViewerViewActions, languageSwitch: boolean): ViewPart {
  const left = [createControlIndicator(make), ...createControlButtons(make, actions), createKeyCombos(make, actions)];
  const right = [
    createModeSwitch(make, actions),
    createLanguageSwitch(make, actions, languageSwitch),
    createEndButton(make, actions),
  ];
  const element = make(
    'div',
    { class: 'fh-toolbar' },
    ...left.map((part) => part.element),
    make('span', { class: 'fh-spacer' }),
    ...right.map((part) => part.element),
  );
  return partGroup(element, [...left, ...right]);
}
