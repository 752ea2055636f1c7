import type {
  ConsentOffer,
  CustomerUi,
  NumberNotice,
  ProgressStep,
  SharingCommand,
  SharingStatus,
} from '@fernhilfe/desktop';
import type { ProxyAuthRequest, ProxyCredentials } from '@fernhilfe/transport';
import { createWin32Ui, type Win32Ui } from '@fernhilfe/windows';
import { CONSENT_PAGE_WIDTH, consentPage, controlPage } from './consent-pages';
import { DIALOG_TEXTS, type DialogLanguage, type DialogTexts, dialogLanguage, progressText } from './dialog-text';
import { DialogWindow } from './dialog-window';
import { NUMBER_PAGE_WIDTH, numberPage } from './number-page';
import { PROXY_PAGE_WIDTH, proxyPage } from './proxy-page';
import { StatusWindow } from './status-window';

/** Options of {@link createWindowsCustomerUi}. */
export interface WindowsCustomerUiOptions {
  /** The Win32 UI layer to open windows with. @defaultValue `createWin32Ui()` */
  ui?: Win32Ui;
  /** The dialogs' language. @defaultValue German when Windows' UI language is German, else English */
  language?: DialogLanguage;
}

/** The customer's native Windows dialogs: a {@link CustomerUi} plus its language and an end. */
export interface WindowsCustomerUi extends CustomerUi {
  /** The language the dialogs speak. */
  readonly language: DialogLanguage;
  /** Closes every window. */
  dispose(): void;
}

/**
 * The customer's dialogs as native Windows windows (through koffi and user32): the number
 * dialog, progress in the same window, the proxy login, the two consents, and the small
 * always-visible status window while the screen is shared. German or English, following
 * Windows' UI language.
 *
 * @param options - the UI layer and a forced language
 * @returns the UI for `runCustomerFlow`
 *
 * @example
 * ```ts
 * const ui = createWindowsCustomerUi();
 * const number = await ui.askNumber(undefined, AbortSignal.timeout(600_000));
 * ```
 */
export function createWindowsCustomerUi(options: WindowsCustomerUiOptions = {}): WindowsCustomerUi {
  const ui = options.ui ?? createWin32Ui();
  const language = options.language ?? dialogLanguage(ui.userUiLanguage());
  const texts: DialogTexts = DIALOG_TEXTS[language];
  const dialog = new DialogWindow(ui, texts.title);
  const prompt = new DialogWindow(ui, texts.controlTitle, true);
  const status = new StatusWindow(ui, texts);

  return {
    language,
    askNumber(notice: NumberNotice | undefined, signal: AbortSignal): Promise<string | undefined> {
      status.close();
      return dialog.ask(NUMBER_PAGE_WIDTH, signal, numberPage(texts, notice));
    },
    showProgress(step: ProgressStep): void {
      if (step.kind === 'ending') status.close();
      dialog.show(NUMBER_PAGE_WIDTH, (layout) => {
        layout.text(texts.pleaseWait, 'bold');
        layout.text(progressText(texts, step));
      });
    },
    askProxyCredentials(request: ProxyAuthRequest, signal: AbortSignal) {
      return dialog.ask<ProxyCredentials | null>(PROXY_PAGE_WIDTH, signal, proxyPage(texts, request));
    },
    askConsent(offer: ConsentOffer, signal: AbortSignal): Promise<boolean | undefined> {
      return dialog.ask(CONSENT_PAGE_WIDTH, signal, consentPage(texts, offer));
    },
    async askControl(request: { agentName: string }, signal: AbortSignal): Promise<boolean | undefined> {
      const answer = await prompt.ask(CONSENT_PAGE_WIDTH, signal, controlPage(texts, request));
      prompt.close();
      return answer;
    },
    showSharing(sharing: SharingStatus): void {
      dialog.close();
      status.show(sharing);
    },
    nextSharingCommand(signal: AbortSignal): Promise<SharingCommand | undefined> {
      return status.next(signal);
    },
    dispose(): void {
      prompt.close();
      dialog.close();
      status.close();
    },
  };
}
