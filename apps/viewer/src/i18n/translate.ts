import type { EndReason } from '../connection/end-reasons';
import type { ViewerErrorCode } from '../errors';
import { LANGUAGES, type Lang, MESSAGES, type MessageKey } from './messages';

/** A translation function bound to one language. */
export type Translate = (key: MessageKey, params?: Readonly<Record<string, string | number>>) => string;

/**
 * Looks up a text and fills its `{name}` parameters.
 *
 * @param lang - language
 * @param key - text key
 * @param params - values for `{name}` placeholders; unknown placeholders stay as they are
 * @returns the text
 */
export function translate(lang: Lang, key: MessageKey, params?: Readonly<Record<string, string | number>>): string {
  const text = MESSAGES[lang][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

/**
 * @param lang - language
 * @returns {@link translate} bound to `lang`
 */
export function translator(lang: Lang): Translate {
  return (key, params) => translate(lang, key, params);
}

/**
 * @param reason - why the session ended
 * @returns the key of its explanation
 */
export function endReasonKey(reason: EndReason): MessageKey {
  return `endReason.${reason}`;
}

/**
 * @param code - a viewer error code
 * @returns the key of its message
 */
export function errorKey(code: ViewerErrorCode): MessageKey {
  return `error.${code}`;
}

/**
 * Picks the UI language: the explicit option if it is supported, else German when the
 * browser's language starts with `de`, else English.
 *
 * @param option - `lang` option of `mountViewer`, if any
 * @param browserLanguages - `navigator.languages` (or `[navigator.language]`)
 * @returns the language to use
 */
export function pickLanguage(option: string | undefined, browserLanguages: readonly string[]): Lang {
  if (isLang(option)) return option;
  const first = browserLanguages[0]?.toLowerCase() ?? '';
  return first.startsWith('de') ? 'de' : 'en';
}

/**
 * @param value - anything
 * @returns `true` for a supported language code
 */
export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}
