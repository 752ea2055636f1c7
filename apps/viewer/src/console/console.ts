import type { ViewerConnectionFactory } from '../connection/viewer-connection';
import type { ScreenDecoderFactory } from '../decoder/screen-decoder';
import { ViewerErrorCode } from '../errors';
import { LANGUAGES, type Lang } from '../i18n/messages';
import { errorKey, pickLanguage, translator } from '../i18n/translate';
import { mountViewer, type ViewerHandle } from '../mount-viewer';
import { h, setText } from '../ui/dom';
import { createTokenStore, type TokenStore } from './token-store';

/** Options of {@link startConsole}. */
export interface ConsoleOptions {
  relayUrl: string;
  /** @default the relay connection */
  connect?: ViewerConnectionFactory;
  /** @default the codec decoder */
  createDecoder?: ScreenDecoderFactory;
  /** @default sessionStorage */
  tokens?: TokenStore;
  /** @default from `navigator.language` */
  lang?: Lang;
}

/** The running console. */
export interface ConsoleHandle {
  /** The viewer while signed in. */
  readonly viewer: ViewerHandle | undefined;
}

/**
 * The agent console: sign-in with the agent token, then the viewer. Built only on
 * {@link mountViewer}, like any helpdesk integration.
 *
 * @param root - element to render into (the page's `#app`)
 * @param options - see {@link ConsoleOptions}
 * @returns the console handle
 */
export function startConsole(root: HTMLElement, options: ConsoleOptions): ConsoleHandle {
  const doc = root.ownerDocument;
  const tokens = options.tokens ?? createTokenStore();
  let lang = pickLanguage(options.lang, [globalThis.navigator?.language ?? '']);
  let viewer: ViewerHandle | undefined;
  let signInError: ViewerErrorCode | 'empty' | undefined;

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

  const render = () => {
    const t = translator(lang);
    doc.documentElement.lang = lang;
    doc.title = `${t('app.title')} · ${t('app.subtitle')}`;
    setText(subtitle, t('app.subtitle'));
    for (const button of langButtons) button.setAttribute('aria-pressed', String(button.dataset.lang === lang));
    const signedIn = viewer !== undefined;
    signOut.hidden = !signedIn;
    setText(signOut, t('signIn.signOut'));
    form.hidden = signedIn;
    viewerHost.hidden = !signedIn;
    setText(title, t('signIn.title'));
    setText(label, t('signIn.tokenLabel'));
    setText(hint, t('signIn.tokenHint'));
    setText(submit, t('signIn.submit'));
    error.hidden = signInError === undefined;
    if (signInError) setText(error, t(signInError === 'empty' ? 'signIn.empty' : errorKey(signInError)));
  };

  const showViewer = () => {
    viewer = mountViewer(viewerHost, {
      relayUrl: options.relayUrl,
      getToken: () => tokens.get() ?? '',
      lang,
      languageSwitch: false,
      connect: options.connect,
      createDecoder: options.createDecoder,
      onLangChange: (next) => {
        lang = next;
        render();
      },
      onStateChange: (state) => {
        if (state.phase === 'idle' && state.error === ViewerErrorCode.TOKEN_REJECTED) {
          signInError = ViewerErrorCode.TOKEN_REJECTED;
          leave();
        }
      },
    });
    render();
  };

  const leave = () => {
    tokens.clear();
    viewer?.destroy();
    viewer = undefined;
    render();
    input.value = '';
    input.focus();
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const token = input.value.trim();
    if (token === '') {
      signInError = 'empty';
      render();
      return;
    }
    signInError = undefined;
    tokens.set(token);
    input.value = '';
    showViewer();
  });
  signOut.addEventListener('click', () => {
    signInError = undefined;
    leave();
  });
  for (const button of langButtons) {
    button.addEventListener('click', () => {
      lang = button.dataset.lang as Lang;
      viewer?.setLang(lang);
      render();
    });
  }

  if (tokens.get()) showViewer();
  else render();
  return {
    get viewer() {
      return viewer;
    },
  };
}
