import type { ViewerConnectionFactory } from '../connection/viewer-connection';
import type { ScreenDecoderFactory } from '../decoder/screen-decoder';
import { ViewerErrorCode } from '../errors';
import type { Lang } from '../i18n/messages';
import { pickLanguage } from '../i18n/translate';
import { mountViewer, type ViewerHandle } from '../mount-viewer';
import { buildConsole, renderConsole } from './console-dom';
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
  const tokens = options.tokens ?? createTokenStore();
  let lang = pickLanguage(options.lang, [globalThis.navigator?.language ?? '']);
  let viewer: ViewerHandle | undefined;
  let signInError: ViewerErrorCode | 'empty' | undefined;

  const parts = buildConsole(root);
  const { form, input, signOut, langButtons, viewerHost } = parts;
  const render = () => renderConsole(parts, { lang, signedIn: viewer !== undefined, signInError });

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
