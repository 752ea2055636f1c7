import type { Lang } from '../i18n/messages';
import type { Translate } from '../i18n/translate';
import type { KeyComboId } from '../input/key-combos';
import type { ScaleMode } from '../render/viewport';
import type { ViewerState } from '../state/viewer-state';
import type { ViewerStats } from '../stats/stats-meter';
import { h } from './dom';

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

/** One piece of the view: its element, and how it follows the model. */
export interface ViewPart<E extends HTMLElement = HTMLElement> {
  readonly element: E;
  /**
   * @param model - what to show
   * @param t - texts in the model's language
   */
  update(model: ViewerViewModel, t: Translate): void;
}

/** Creates elements in one document, see {@link h}. */
export type MakeElement = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes?: Record<string, string | boolean | undefined>,
  ...children: (Node | string)[]
) => HTMLElementTagNameMap[K];

/**
 * @param doc - the document the view lives in
 * @returns {@link h} bound to `doc`
 */
export function elementMaker(doc: Document): MakeElement {
  return (tag, attributes = {}, ...children) => h(doc, tag, attributes, ...children);
}

/**
 * Wraps parts in one element that updates them all, in order.
 *
 * @param element - the container, already holding the parts' elements
 * @param parts - the parts inside it
 * @returns a part for the container
 */
export function partGroup<E extends HTMLElement>(element: E, parts: readonly ViewPart[]): ViewPart<E> {
  return {
    element,
    update(model, t) {
      for (const part of parts) part.update(model, t);
    },
  };
}

/**
 * @param button - a button
 * @param action - what a click does
 * @returns the button
 */
export function onClick<E extends HTMLElement>(button: E, action: () => void): E {
  button.addEventListener('click', action);
  return button;
}
