import type {
  ConsentOffer,
  CustomerUi,
  NumberNotice,
  ProgressStep,
  SharingCommand,
  SharingStatus,
} from '@fernhilfe/desktop';
import type { ProxyAuthRequest, ProxyCredentials } from '@fernhilfe/transport';
import type { Terminal } from './terminal';
import {
  parseLanguageSwitch,
  parseSessionCommand,
  parseYesNo,
  renderStatusLine,
  renderView,
  type UiView,
} from './ui-render';
import { type Lang, UI_TEXTS } from './ui-text';

/** The customer's dialogs as terminal prompts; see {@link createTerminalUi}. */
export interface TerminalUi extends CustomerUi {
  /**
   * Prints one view (welcome, goodbye, how a session ended) in the current language.
   *
   * @param view - what to show
   */
  show(view: UiView): void;
  /** The language now in use (the customer may have switched at the number prompt). */
  readonly lang: Lang;
  /** True once the terminal's input ended (stdin closed, Ctrl+D). */
  readonly inputClosed: boolean;
}

/** A control request waiting for the line typed next at the status prompt. */
interface ControlQuestion {
  answer(granted: boolean | undefined): void;
}

/**
 * Presents the customer flow on a terminal: prompts for the number, the proxy login (password
 * hidden), Ja/Nein questions, and while sharing a status line as the prompt. Lines typed at the
 * status prompt are commands (`b`/`q` end, `z`/`t` take back), or the answer to a pending
 * control request. `de`/`en` at the number prompt switch the language; `b`/`q` there quit.
 *
 * @param terminal - where the customer reads and types
 * @param lang - initial language
 * @returns the UI
 */
export function createTerminalUi(terminal: Terminal, lang: Lang): TerminalUi {
  let language = lang;
  let inputClosed = false;
  let status: SharingStatus | undefined;
  let question: ControlQuestion | undefined;

  const t = () => UI_TEXTS[language];
  const show = (view: UiView) => terminal.print(renderView(view, language));
  const statusPrompt = () =>
    question === undefined
      ? renderStatusLine({ controlGranted: status?.controlGranted ?? false }, language)
      : t().controlPrompt;

  const readLine = async (prompt: string, signal: AbortSignal, secret = false): Promise<string | undefined> => {
    const result = await terminal.readLine(prompt, { signal, secret });
    if (result.kind === 'closed') inputClosed = true;
    return result.kind === 'line' ? result.text : undefined;
  };

  const askYesNo = async (prompt: string, signal: AbortSignal): Promise<boolean | undefined> => {
    for (;;) {
      const line = await readLine(prompt, signal);
      if (line === undefined) return undefined;
      const answer = parseYesNo(line);
      if (answer !== undefined) return answer;
      show({ kind: 'answer-yes-no' });
    }
  };

  /** A line typed while a control request waits: the answer, or a reminder to say yes or no. */
  const answerQuestion = (pending: ControlQuestion, line: string) => {
    const answer = parseYesNo(line);
    if (answer === undefined) return show({ kind: 'answer-yes-no' });
    question = undefined;
    pending.answer(answer);
    if (!answer) show({ kind: 'control', granted: false, wasRequest: true });
  };

  return {
    show,
    get lang() {
      return language;
    },
    get inputClosed() {
      return inputClosed;
    },

    async askNumber(notice: NumberNotice | undefined, signal: AbortSignal) {
      status = undefined;
      if (notice !== undefined) show(notice);
      for (;;) {
        const line = await readLine(t().numberPrompt, signal);
        if (line === undefined) return undefined;
        if (line.trim() === '') continue;
        if (parseSessionCommand(line) === 'end') return undefined;
        const switched = parseLanguageSwitch(line);
        if (switched === undefined) return line;
        language = switched;
        show({ kind: 'language' });
      }
    },

    showProgress(step: ProgressStep) {
      show(step);
    },

    async askProxyCredentials(request: ProxyAuthRequest, signal: AbortSignal) {
      show({ kind: 'proxy-auth', proxy: request.proxy, attempt: request.attempt });
      const username = await readLine(t().proxyUser, signal);
      if (username === undefined) return undefined;
      if (username.trim() === '') return null;
      const password = await readLine(t().proxyPassword, signal, true);
      if (password === undefined) return undefined;
      return { username: username.trim(), password } satisfies ProxyCredentials;
    },

    async askConsent(offer: ConsentOffer, signal: AbortSignal) {
      show({ kind: 'confirm', ...offer });
      return askYesNo(t().confirmPrompt, signal);
    },

    askControl(request: { agentName: string }, signal: AbortSignal) {
      show({ kind: 'control-request', agentName: request.agentName });
      return new Promise<boolean | undefined>((resolve) => {
        const pending: ControlQuestion = {
          answer: (granted) => {
            signal.removeEventListener('abort', onAbort);
            resolve(granted);
          },
        };
        const onAbort = () => {
          if (question === pending) question = undefined;
          pending.answer(undefined);
        };
        if (signal.aborted) return onAbort();
        signal.addEventListener('abort', onAbort, { once: true });
        question = pending;
        terminal.setPrompt(statusPrompt());
      });
    },

    showSharing(next: SharingStatus) {
      const previous = status;
      status = next;
      if (previous === undefined) show({ kind: 'sharing' });
      else if (previous.controlGranted !== next.controlGranted) {
        show({ kind: 'control', granted: next.controlGranted, wasRequest: false });
      }
      terminal.setPrompt(statusPrompt());
    },

    async nextSharingCommand(signal: AbortSignal): Promise<SharingCommand | undefined> {
      for (;;) {
        const line = await readLine(statusPrompt(), signal);
        if (line === undefined) return undefined;
        if (question !== undefined) {
          answerQuestion(question, line);
          continue;
        }
        const command = parseSessionCommand(line);
        if (command !== undefined) return command;
        if (line.trim() !== '') show({ kind: 'unknown-command' });
      }
    },
  };
}
