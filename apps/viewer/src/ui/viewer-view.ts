import { translator } from '../i18n/translate';
import { createControlNotice, createInputBlockedNotice, createViewport } from './screen-area';
import { createCodeCard, createEndedCard, createNumberCard, createStartCard } from './session-cards';
import { createStatusBar } from './status-bar';
import { createStepsCard } from './steps-card';
import { VIEWER_STYLES } from './styles';
import { createToolbar } from './toolbar';
import {
  elementMaker,
  type MakeElement,
  partGroup,
  type ViewerViewActions,
  type ViewerViewModel,
  type ViewPart,
} from './view-part';

export type { ViewerViewActions, ViewerViewModel } from './view-part';

/** The viewer's DOM inside a shadow root. */
export interface ViewerView {
  /** The element the renderer draws into. */
  readonly viewport: HTMLElement;
  update(model: ViewerViewModel): void;
}

/** A constructed stylesheet, not a <style> element: it works under a page CSP without 'unsafe-inline'. */
function adoptStyles(root: ShadowRoot): void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(VIEWER_STYLES);
  root.adoptedStyleSheets = [sheet];
}

/** Puts parts side by side in one new element, in order. */
function container(make: MakeElement, tag: 'aside' | 'section', className: string, parts: ViewPart[]) {
  return partGroup(make(tag, { class: className }, ...parts.map((part) => part.element)), parts);
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
  const make = elementMaker(root.ownerDocument);
  adoptStyles(root);
  const side = container(make, 'aside', 'fh-side', [
    createStartCard(make, actions),
    createNumberCard(make),
    createCodeCard(make, actions),
    createEndedCard(make, actions),
    createStepsCard(make),
  ]);
  const viewport = createViewport(make);
  const main = container(make, 'section', 'fh-main', [
    createToolbar(make, actions, languageSwitch),
    createControlNotice(make),
    createInputBlockedNotice(make),
    viewport,
    createStatusBar(make),
  ]);
  const shell = make('div', { class: 'fh-root' }, side.element, main.element);
  root.append(shell);
  return {
    viewport: viewport.element,
    update(model) {
      const t = translator(model.lang);
      shell.lang = model.lang;
      side.update(model, t);
      main.update(model, t);
    },
  };
}
