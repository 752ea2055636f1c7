import type { ViewerErrorCode } from '../errors';
import { LANGUAGES, type Lang } from '../i18n/messages';
import { errorKey, translator } from '../i18n/translate';
import { h, setText } from '../ui/dom';

/** The console's elements that change after they are built. */
export interface ConsoleParts {
  subtitle: HTMLElement;
  langButtons: HTMLButtonElement[];
  signOut: HTMLButtonElement;
  form: HTMLFormElement;
  title: HTMLElement;
  label: HTMLElement;
  input: HTMLInputElement;
  hint: HTMLElement;
  error: HTMLElement;
  submit: HTMLButtonElement;
  /** Where the viewer is mounted while signed in. */
  viewerHost: HTMLElement;
}

/** What the console shows. */
export interface ConsoleModel {
  lang: Lang;
  signedIn: boolean;
  /** Why the last sign-in failed, if it did. */
  signInError: ViewerErrorCode | 'empty' | undefined;
}

/**
 * Builds the console's header (brand, language buttons, sign-out) and main area (sign-in form,
 * viewer host) into `root`, without texts; {@link renderConsole} fills them.
 *
 * @param root - the page's `#app`
 * @returns the parts that change later
 */
export function buildConsole(root: HTMLElement): ConsoleParts {
  const doc = root.ownerDocument;
  const subtitle = h(doc, 'span', { class: 'console-subtitle' });
  const langButtons = LANGUAGES.map((code) =>
    h(doc, 'button', { type: 'button', class: 'console-lang', 'data-lang': code }, code.toUpperCase()),
  );
  const signOut = h(doc, 'button', { type: 'button', class: 'console-signout', 'data-part': 'sign-out' });
  const header = h(
    doc,
    'header',
    { class: 'console-header' },
    h(doc, 'span', { class: 'console-brand' }, 'Fernhilfe'),
    subtitle,
    h(doc, 'span', { class: 'console-spacer' }),
    h(doc, 'div', { class: 'console-langs', role: 'group' }, ...langButtons),
    signOut,
  );

  const title = h(doc, 'h1', {});
  const label = h(doc, 'label', { for: 'agent-token' });
  const input = h(doc, 'input', {
    id: 'agent-token',
    name: 'token',
    type: 'password',
    autocomplete: 'off',
    spellcheck: 'false',
  });
  const hint = h(doc, 'p', { class: 'console-hint' });
  const error = h(doc, 'p', { class: 'console-error', role: 'alert', 'data-part': 'sign-in-error' });
  const submit = h(doc, 'button', { type: 'submit', class: 'console-primary' });
  const form = h(
    doc,
    'form',
    { class: 'console-signin', 'data-part': 'sign-in' },
    title,
    label,
    input,
    hint,
    error,
    submit,
  );
  const viewerHost = h(doc, 'div', { class: 'console-viewer', 'data-part': 'viewer-host' });
  const main = h(doc, 'main', { class: 'console-main' }, form, viewerHost);
  root.replaceChildren(header, main);
  return { subtitle, langButtons, signOut, form, title, label, input, hint, error, submit, viewerHost };
}

/**
 * Shows the model: texts in its language (also the document's title and `lang`), the sign-in
 * form or the viewer, and the sign-in error.
 *
 * @param parts - the built console
 * @param model - what to show
 */
export function renderConsole(parts: ConsoleParts, model: ConsoleModel): void {
  const { lang, signedIn, signInError } = model;
  const doc = parts.form.ownerDocument;
  const t = translator(lang);
  doc.documentElement.lang = lang;
  doc.title = `${t('app.title')} · ${t('app.subtitle')}`;
  setText(parts.subtitle, t('app.subtitle'));
  for (const button of parts.langButtons) button.setAttribute('aria-pressed', String(button.dataset.lang === lang));
  parts.signOut.hidden = !signedIn;
  setText(parts.signOut, t('signIn.signOut'));
  parts.form.hidden = signedIn;
  parts.viewerHost.hidden = !signedIn;
  setText(parts.title, t('signIn.title'));
  setText(parts.label, t('signIn.tokenLabel'));
  setText(parts.hint, t('signIn.tokenHint'));
  setText(parts.submit, t('signIn.submit'));
  parts.error.hidden = signInError === undefined;
  if (signInError) setText(parts.error, t(signInError === 'empty' ? 'signIn.empty' : errorKey(signInError)));
}
