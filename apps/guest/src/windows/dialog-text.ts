import type { JoinProblem, NumberNotice, NumberProblem, ProgressStep } from '@fernhilfe/desktop';
import type { EndReason } from '@fernhilfe/session';
import { UI_TEXTS } from '../node/ui-text';

/** Languages of the Windows dialogs. */
export type DialogLanguage = 'de' | 'en';

/**
 * Every text the Windows dialogs show, per language. One table, so a missing translation is a
 * type error; how a session ended, why joining failed and the wait after too many attempts are
 * worded as in the Node guest (`../node/ui-text.ts`).
 */
export interface DialogTexts {
  title: string;
  controlTitle: string;
  statusTitle: string;
  numberIntro: string;
  numberLabel: string;
  startSupport: string;
  numberProblem: Record<NumberProblem, string>;
  joinProblem: Record<JoinProblem, string>;
  retryAfter: (seconds: number) => string;
  ended: Record<EndReason, string>;
  connecting: (relay: string) => string;
  handshake: string;
  ending: string;
  pleaseWait: string;
  proxyAsks: (proxy: string, attempt: number) => string;
  proxyUser: string;
  proxyPassword: string;
  proxyNotStored: string;
  ok: string;
  cancel: string;
  whoAsks: (agentName: string, org: string) => string;
  securityCode: string;
  codeHint: string;
  whatIsShared: string;
  controlLater: string;
  shareQuestion: string;
  yes: string;
  no: string;
  controlRequest: (agentName: string) => string;
  controlHint: string;
  sharingWith: (agentName: string, org: string) => string;
  controlOn: string;
  controlOff: string;
  takeBack: string;
  end: string;
}

const de: DialogTexts = {
  title: 'Fernhilfe',
  controlTitle: 'Fernhilfe – Maus und Tastatur',
  statusTitle: 'Fernhilfe – Bildschirm geteilt',
  numberIntro:
    'Ihr Mitarbeiter nennt Ihnen am Telefon eine 8-stellige Sitzungsnummer. Geben Sie sie hier ein und klicken Sie auf „Support starten“.',
  numberLabel: 'Sitzungsnummer:',
  startSupport: 'Support starten',
  numberProblem: {
    typo: 'Diese Nummer kann nicht stimmen – wahrscheinlich ein Tippfehler. Bitte vergleichen Sie die Ziffern mit Ihrem Mitarbeiter.',
    'too-short': 'Die Sitzungsnummer hat 8 Ziffern – das waren zu wenige.',
    'too-long': 'Die Sitzungsnummer hat 8 Ziffern – das waren zu viele.',
    'not-digits': 'Die Sitzungsnummer besteht nur aus Ziffern.',
  },
  // The Node guest's sentence for 'display' names its --display option.
  joinProblem: { ...UI_TEXTS.de.joinProblem, display: 'Der Bildschirm kann nicht aufgenommen werden.' },
  retryAfter: UI_TEXTS.de.retryAfter,
  ended: UI_TEXTS.de.ended,
  connecting: (relay) => `Verbindung zu ${relay} wird aufgebaut …`,
  handshake: 'Verbunden. Warten auf den Code Ihres Mitarbeiters …',
  ending: 'Die Sitzung wird beendet …',
  pleaseWait: 'Bitte warten',
  proxyAsks: (proxy, attempt) =>
    attempt === 1
      ? `Der Proxy-Server ${proxy} verlangt eine Anmeldung.`
      : `Die Anmeldung am Proxy-Server ${proxy} hat nicht geklappt (Versuch ${attempt}). Bitte noch einmal.`,
  proxyUser: 'Benutzername:',
  proxyPassword: 'Passwort:',
  proxyNotStored: 'Die Angaben werden nur für diese Verbindung verwendet und nicht gespeichert.',
  ok: 'OK',
  cancel: 'Abbrechen',
  whoAsks: (agentName, org) => `${agentName} von ${org} möchte Ihren Bildschirm sehen.`,
  securityCode: 'Sicherheitscode:',
  codeHint: 'Ihr Mitarbeiter liest Ihnen diesen Code vor. Klicken Sie nur auf „Ja“, wenn er übereinstimmt.',
  whatIsShared: 'Geteilt wird Ihr Bildschirm (nur zum Ansehen) – keine Dateien, keine Zwischenablage.',
  controlLater: 'Für Maus und Tastatur werden Sie gegebenenfalls extra gefragt.',
  shareQuestion: 'Bildschirm teilen?',
  yes: 'Ja',
  no: 'Nein',
  controlRequest: (agentName) => `${agentName} möchte Maus und Tastatur verwenden.`,
  controlHint: 'Sie können die Kontrolle jederzeit im Statusfenster zurücknehmen.',
  sharingWith: (agentName, org) => `Bildschirm wird geteilt mit ${agentName} (${org})`,
  controlOn: 'Maus und Tastatur: erlaubt',
  controlOff: 'Maus und Tastatur: nicht erlaubt',
  takeBack: 'Kontrolle zurücknehmen',
  end: 'Beenden',
};

const en: DialogTexts = {
  title: 'Fernhilfe',
  controlTitle: 'Fernhilfe – mouse and keyboard',
  statusTitle: 'Fernhilfe – screen shared',
  numberIntro: 'Your agent tells you an 8-digit session number on the phone. Enter it here and click “Start Support”.',
  numberLabel: 'Session number:',
  startSupport: 'Start Support',
  numberProblem: {
    typo: 'This number cannot be right – probably a typo. Please compare the digits with your agent.',
    'too-short': 'The session number has 8 digits – that was too few.',
    'too-long': 'The session number has 8 digits – that was too many.',
    'not-digits': 'The session number consists of digits only.',
  },
  joinProblem: { ...UI_TEXTS.en.joinProblem, display: 'The screen cannot be captured.' },
  retryAfter: UI_TEXTS.en.retryAfter,
  ended: UI_TEXTS.en.ended,
  connecting: (relay) => `Connecting to ${relay} …`,
  handshake: "Connected. Waiting for your agent's code …",
  ending: 'Ending the session …',
  pleaseWait: 'Please wait',
  proxyAsks: (proxy, attempt) =>
    attempt === 1
      ? `The proxy server ${proxy} asks you to log in.`
      : `Logging in to the proxy server ${proxy} did not work (attempt ${attempt}). Please try again.`,
  proxyUser: 'User name:',
  proxyPassword: 'Password:',
  proxyNotStored: 'Used for this connection only and never stored.',
  ok: 'OK',
  cancel: 'Cancel',
  whoAsks: (agentName, org) => `${agentName} from ${org} would like to see your screen.`,
  securityCode: 'Security code:',
  codeHint: 'Your agent reads this code out to you. Only click “Yes” if it matches.',
  whatIsShared: 'What is shared: your screen (view only) – no files, no clipboard.',
  controlLater: 'You will be asked separately before mouse and keyboard are used.',
  shareQuestion: 'Share your screen?',
  yes: 'Yes',
  no: 'No',
  controlRequest: (agentName) => `${agentName} would like to use your mouse and keyboard.`,
  controlHint: 'You can take control back at any time in the status window.',
  sharingWith: (agentName, org) => `Screen shared with ${agentName} (${org})`,
  controlOn: 'Mouse and keyboard: allowed',
  controlOff: 'Mouse and keyboard: not allowed',
  takeBack: 'Take control back',
  end: 'End',
};

/** The texts of each language. */
export const DIALOG_TEXTS: Readonly<Record<DialogLanguage, DialogTexts>> = { de, en };

/** Primary language of German in a Windows LANGID (`LANG_GERMAN`). */
const LANG_GERMAN = 0x07;

/**
 * The dialog language for a Windows UI language: German for every German locale, else English.
 *
 * @param langId - a LANGID (`GetUserDefaultUILanguage`)
 * @returns the language
 */
export function dialogLanguage(langId: number): DialogLanguage {
  return (langId & 0x3ff) === LANG_GERMAN ? 'de' : 'en';
}

/**
 * The sentence above the number field that says why it is shown again.
 *
 * @param texts - the language's texts
 * @param notice - the reason
 * @returns one or two sentences
 */
export function noticeText(texts: DialogTexts, notice: NumberNotice): string {
  switch (notice.kind) {
    case 'number-problem':
      return texts.numberProblem[notice.problem];
    case 'join-problem': {
      const wait =
        notice.retryAfterMs === undefined ? '' : ` ${texts.retryAfter(Math.ceil(notice.retryAfterMs / 1000))}`;
      return `${texts.joinProblem[notice.problem]}${wait}`;
    }
    case 'ended':
      return texts.ended[notice.reason];
  }
}

/**
 * The progress line for a step.
 *
 * @param texts - the language's texts
 * @param step - what is under way
 * @returns the line
 */
export function progressText(texts: DialogTexts, step: ProgressStep): string {
  switch (step.kind) {
    case 'connecting':
      return texts.connecting(step.relay);
    case 'handshake':
      return texts.handshake;
    case 'ending':
      return texts.ending;
  }
}
