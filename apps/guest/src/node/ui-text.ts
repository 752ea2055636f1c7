import type { JoinProblem, NumberProblem } from '@fernhilfe/desktop';
import type { EndReason } from '@fernhilfe/session';

/** Languages of the Node guest's terminal UI. */
export type Lang = 'de' | 'en';

/** Every language the terminal UI speaks. */
export const LANGS: readonly Lang[] = ['de', 'en'];

/** Every text the terminal UI shows, per language. One table, so a missing translation is a type error. */
export interface UiTexts {
  title: string;
  welcome: string;
  numberPrompt: string;
  numberProblem: Record<NumberProblem, string>;
  switchedLanguage: string;
  connecting: (relay: string) => string;
  joinProblem: Record<JoinProblem, string>;
  retryAfter: (seconds: number) => string;
  proxyAsks: (proxy: string, attempt: number) => string;
  proxyUser: string;
  proxyPassword: string;
  waitingForCode: string;
  whoAsks: (agentName: string, org: string) => string;
  securityCode: (code: string) => string;
  codeHint: string;
  whatIsShared: string;
  controlLater: string;
  confirmPrompt: string;
  answerYesNo: string;
  refused: string;
  sharingStarted: string;
  statusSharing: string;
  statusControlOn: string;
  statusControlOff: string;
  statusHowToEnd: string;
  statusTakeBack: string;
  controlRequest: (agentName: string) => string;
  controlPrompt: string;
  controlGranted: string;
  controlRefused: string;
  controlEnded: string;
  unknownCommand: string;
  ending: string;
  ended: Record<EndReason, string>;
  backToStart: string;
  goodbye: string;
}

const de: UiTexts = {
  title: 'Fernhilfe – Fernunterstützung',
  welcome:
    'Geben Sie die 8-stellige Sitzungsnummer ein, die Ihnen Ihr Mitarbeiter am Telefon nennt\n' +
    '(Leerzeichen und Bindestriche sind erlaubt), und drücken Sie Enter, um die Unterstützung zu starten.\n' +
    'b + Enter oder Strg+C beendet das Programm. "en" + Enter: English.',
  numberPrompt: 'Sitzungsnummer: ',
  numberProblem: {
    typo: 'Diese Nummer kann nicht stimmen – wahrscheinlich ein Tippfehler. Bitte vergleichen Sie die Ziffern mit Ihrem Mitarbeiter und geben Sie die Nummer noch einmal ein.',
    'too-short': 'Die Sitzungsnummer hat 8 Ziffern – das waren zu wenige. Bitte geben Sie sie noch einmal ein.',
    'too-long': 'Die Sitzungsnummer hat 8 Ziffern – das waren zu viele. Bitte geben Sie sie noch einmal ein.',
    'not-digits': 'Die Sitzungsnummer besteht nur aus Ziffern. Bitte geben Sie sie noch einmal ein.',
  },
  switchedLanguage: 'Sprache: Deutsch.',
  connecting: (relay) => `Verbindung zu ${relay} wird aufgebaut …`,
  joinProblem: {
    'unknown-number':
      'Zu dieser Nummer gibt es keine Sitzung. Bitte fragen Sie Ihren Mitarbeiter nach der Nummer und versuchen Sie es erneut.',
    expired: 'Diese Nummer ist abgelaufen. Bitte lassen Sie sich von Ihrem Mitarbeiter eine neue Nummer geben.',
    'already-taken': 'Diese Nummer wurde schon benutzt. Bitte lassen Sie sich eine neue Nummer geben.',
    'rate-limited': 'Zu viele Versuche in kurzer Zeit.',
    'proxy-auth-failed': 'Der Proxy-Server hat die Anmeldung abgelehnt.',
    'proxy-failed': 'Der Proxy-Server lässt die Verbindung nicht zu. Bitte wenden Sie sich an Ihre IT-Abteilung.',
    'tls-failed':
      'Der Verbindung zum Server kann nicht vertraut werden (Zertifikat). Bitte wenden Sie sich an Ihre IT-Abteilung.',
    unreachable:
      'Der Server ist nicht erreichbar. Bitte prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut.',
    display:
      'Der Bildschirm kann nicht geöffnet werden. Starten Sie Fernhilfe in Ihrer Desktop-Sitzung (oder mit --display).',
    other: 'Die Verbindung ist fehlgeschlagen. Bitte versuchen Sie es erneut.',
  },
  retryAfter: (seconds) => `Bitte warten Sie ${seconds} Sekunden und versuchen Sie es dann erneut.`,
  proxyAsks: (proxy, attempt) =>
    attempt === 1
      ? `Der Proxy-Server ${proxy} verlangt eine Anmeldung.`
      : `Die Anmeldung am Proxy-Server ${proxy} hat nicht geklappt. Bitte noch einmal.`,
  proxyUser: 'Benutzername (leer lassen zum Abbrechen): ',
  proxyPassword: 'Passwort (wird nicht angezeigt): ',
  waitingForCode: 'Verbunden. Die Verbindung wird verschlüsselt …',
  whoAsks: (agentName, org) => `${agentName} von ${org} möchte Ihren Bildschirm sehen.`,
  securityCode: (code) => `Sicherheitscode:  ${code}`,
  codeHint: 'Ihr Mitarbeiter liest Ihnen diesen Code vor — fahren Sie nur fort, wenn er übereinstimmt.',
  whatIsShared: 'Geteilt wird: Ihr Bildschirm (nur zum Ansehen). Keine Dateien, keine Zwischenablage.',
  controlLater: 'Maus und Tastatur bleiben bei Ihnen – dafür werden Sie gegebenenfalls extra gefragt.',
  confirmPrompt: 'Bildschirm teilen? Ja / Nein (j/n): ',
  answerYesNo: 'Bitte antworten Sie mit "j" (Ja) oder "n" (Nein).',
  refused: 'Sie haben abgelehnt. Es wurde nichts geteilt.',
  sharingStarted: 'Ihr Bildschirm wird jetzt geteilt.',
  statusSharing: '● Bildschirm wird geteilt',
  statusControlOn: 'Steuerung: ERLAUBT',
  statusControlOff: 'Steuerung: nicht erlaubt',
  statusHowToEnd: 'Beenden: b + Enter oder Strg+C',
  statusTakeBack: 'Steuerung zurücknehmen: z + Enter',
  controlRequest: (agentName) => `${agentName} bittet darum, Ihre Maus und Tastatur zu steuern.`,
  controlPrompt: 'Steuerung erlauben? Ja / Nein (j/n): ',
  controlGranted: 'Sie haben die Steuerung erlaubt. Mit "z" + Enter nehmen Sie sie jederzeit zurück.',
  controlRefused: 'Sie haben die Steuerung nicht erlaubt.',
  controlEnded: 'Die Steuerung ist beendet; Maus und Tastatur gehören wieder nur Ihnen.',
  unknownCommand: 'Eingaben: "b" + Enter beendet die Sitzung, "z" + Enter nimmt die Steuerung zurück.',
  ending: 'Die Sitzung wird beendet …',
  ended: {
    'guest-ended': 'Sie haben die Sitzung beendet.',
    'agent-ended': 'Ihr Mitarbeiter hat die Sitzung beendet.',
    'guest-window-closed': 'Die Sitzung wurde geschlossen.',
    expired: 'Die Sitzung ist abgelaufen, weil keine Antwort kam.',
    'consent-refused': 'Sie haben abgelehnt. Es wurde nichts geteilt.',
    'security-code-mismatch': 'Der Sicherheitscode stimmte nicht überein. Die Sitzung wurde beendet.',
    'peer-lost': 'Die Verbindung zu Ihrem Mitarbeiter ist abgebrochen.',
    'protocol-error': 'Die Sitzung wurde wegen eines Übertragungsfehlers beendet.',
    'relay-shutdown': 'Der Server wurde heruntergefahren. Die Sitzung ist beendet.',
    interrupted: 'Die Sitzung wurde unterbrochen.',
  },
  backToStart: 'Es wird nichts mehr geteilt. Für eine neue Sitzung geben Sie eine neue Nummer ein.',
  goodbye: 'Fernhilfe ist beendet. Auf Wiedersehen!',
};

const en: UiTexts = {
  title: 'Fernhilfe – remote support',
  welcome:
    'Enter the 8-digit session number your agent tells you on the phone (spaces and dashes are fine)\n' +
    'and press Enter to start support. q + Enter or Ctrl+C quits. "de" + Enter: Deutsch.',
  numberPrompt: 'Session number: ',
  numberProblem: {
    typo: 'This number cannot be right – probably a typo. Please compare the digits with your agent and enter the number again.',
    'too-short': 'The session number has 8 digits – that was too few. Please enter it again.',
    'too-long': 'The session number has 8 digits – that was too many. Please enter it again.',
    'not-digits': 'The session number consists of digits only. Please enter it again.',
  },
  switchedLanguage: 'Language: English.',
  connecting: (relay) => `Connecting to ${relay} …`,
  joinProblem: {
    'unknown-number': 'There is no session with this number. Please ask your agent for the number and try again.',
    expired: 'This number has expired. Please ask your agent for a new number.',
    'already-taken': 'This number has already been used. Please ask your agent for a new number.',
    'rate-limited': 'Too many attempts in a short time.',
    'proxy-auth-failed': 'The proxy server refused the login.',
    'proxy-failed': 'The proxy server does not allow the connection. Please contact your IT department.',
    'tls-failed': 'The connection to the server cannot be trusted (certificate). Please contact your IT department.',
    unreachable: 'The server cannot be reached. Please check your internet connection and try again.',
    display: 'The screen cannot be opened. Start Fernhilfe inside your desktop session (or with --display).',
    other: 'The connection failed. Please try again.',
  },
  retryAfter: (seconds) => `Please wait ${seconds} seconds, then try again.`,
  proxyAsks: (proxy, attempt) =>
    attempt === 1
      ? `The proxy server ${proxy} asks you to log in.`
      : `Logging in to the proxy server ${proxy} did not work. Please try again.`,
  proxyUser: 'User name (leave empty to cancel): ',
  proxyPassword: 'Password (not shown): ',
  waitingForCode: 'Connected. Encrypting the connection …',
  whoAsks: (agentName, org) => `${agentName} from ${org} would like to see your screen.`,
  securityCode: (code) => `Security code:  ${code}`,
  codeHint: 'Your agent will read you this code — only continue if it matches.',
  whatIsShared: 'What is shared: your screen (view only). No files, no clipboard.',
  controlLater: 'Mouse and keyboard stay yours – you will be asked separately if needed.',
  confirmPrompt: 'Share your screen? Yes / No (y/n): ',
  answerYesNo: 'Please answer "y" (yes) or "n" (no).',
  refused: 'You declined. Nothing was shared.',
  sharingStarted: 'Your screen is being shared now.',
  statusSharing: '● Screen shared',
  statusControlOn: 'Control: GRANTED',
  statusControlOff: 'Control: not granted',
  statusHowToEnd: 'End: q + Enter or Ctrl+C',
  statusTakeBack: 'Take control back: t + Enter',
  controlRequest: (agentName) => `${agentName} asks to control your mouse and keyboard.`,
  controlPrompt: 'Allow control? Yes / No (y/n): ',
  controlGranted: 'You allowed control. Type "t" + Enter to take it back at any time.',
  controlRefused: 'You did not allow control.',
  controlEnded: 'Control has ended; mouse and keyboard are yours alone again.',
  unknownCommand: 'Commands: "q" + Enter ends the session, "t" + Enter takes control back.',
  ending: 'Ending the session …',
  ended: {
    'guest-ended': 'You ended the session.',
    'agent-ended': 'Your agent ended the session.',
    'guest-window-closed': 'The session was closed.',
    expired: 'The session expired because there was no answer.',
    'consent-refused': 'You declined. Nothing was shared.',
    'security-code-mismatch': 'The security code did not match. The session was ended.',
    'peer-lost': 'The connection to your agent was lost.',
    'protocol-error': 'The session was ended because of a transmission error.',
    'relay-shutdown': 'The server was shut down. The session has ended.',
    interrupted: 'The session was interrupted.',
  },
  backToStart: 'Nothing is shared any more. For a new session, enter a new number.',
  goodbye: 'Fernhilfe has quit. Goodbye!',
};

/** The texts of each language. */
export const UI_TEXTS: Readonly<Record<Lang, UiTexts>> = { de, en };
