/** Languages the support page speaks. */
export const LANGUAGES = ['de', 'en'] as const;

/** One of {@link LANGUAGES}. */
export type Language = (typeof LANGUAGES)[number];

const de = {
  'app.name': 'Fernhilfe',
  'app.tagline': 'Fernunterstützung',
  'language.switch': 'Sprache',
  'enter.title': 'Support starten',
  'enter.intro': 'Geben Sie die 8-stellige Sitzungsnummer ein, die Ihnen Ihr Mitarbeiter am Telefon nennt.',
  'enter.label': 'Sitzungsnummer',
  'enter.start': 'Support starten',
  'enter.privacy':
    'Ihr Bildschirm wird erst geteilt, wenn Sie es ausdrücklich bestätigen. Die Verbindung ist Ende-zu-Ende verschlüsselt.',
  'number.empty': 'Bitte geben Sie die 8-stellige Sitzungsnummer ein.',
  'number.not-digits': 'Die Sitzungsnummer besteht nur aus Ziffern. Bitte prüfen Sie Ihre Eingabe.',
  'number.too-short': 'Die Sitzungsnummer hat 8 Ziffern. Sie haben erst {count} eingegeben.',
  'number.too-long': 'Die Sitzungsnummer hat nur 8 Ziffern. Sie haben {count} eingegeben.',
  'number.typo':
    'Diese Nummer kann nicht stimmen – wahrscheinlich ein Tippfehler. Bitte lassen Sie sich die Nummer noch einmal vorlesen.',
  'join.unknown-number':
    'Zu dieser Nummer gibt es keine Sitzung. Bitte prüfen Sie die Nummer oder fragen Sie Ihren Mitarbeiter nach einer neuen.',
  'join.expired': 'Diese Sitzungsnummer ist abgelaufen. Bitte fragen Sie Ihren Mitarbeiter nach einer neuen Nummer.',
  'join.already-taken':
    'Mit dieser Nummer hat sich schon jemand verbunden. Jede Nummer gilt nur einmal – bitte fragen Sie nach einer neuen.',
  'join.rate-limited': 'Zu viele Versuche. Bitte warten Sie {seconds} Sekunden und versuchen Sie es dann erneut.',
  'join.unreachable':
    'Der Support-Server ist nicht erreichbar. Bitte prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut.',
  'join.failed': 'Die Verbindung ist fehlgeschlagen. Bitte versuchen Sie es erneut.',
  'connecting.title': 'Verbindung wird aufgebaut …',
  'connecting.detail': 'Einen Moment bitte. Es wird noch nichts geteilt.',
  'connecting.cancel': 'Abbrechen',
  'confirm.title': 'Möchten Sie Ihren Bildschirm zeigen?',
  'confirm.who': 'Wer möchte Ihren Bildschirm sehen?',
  'confirm.code': 'Sicherheitscode',
  'confirm.code-hint': 'Ihr Mitarbeiter liest Ihnen diesen Code vor — fahren Sie nur fort, wenn er übereinstimmt.',
  'confirm.what': 'Was wird geteilt?',
  'confirm.what-screen': 'Ihr Bildschirm, nur zum Ansehen (Ihr Browser fragt gleich, welcher).',
  'confirm.what-no-files': 'Keine Dateien.',
  'confirm.what-no-control': 'Keine Steuerung: Diese Seite kann den Bildschirm nur zeigen, nicht bedienen.',
  'confirm.yes': 'Ja, Bildschirm zeigen',
  'confirm.no': 'Nein',
  'choosing.title': 'Bitte wählen Sie den Bildschirm aus',
  'choosing.detail':
    'Ihr Browser zeigt ein Fenster. Wählen Sie dort „Gesamter Bildschirm“ und klicken Sie auf „Teilen“.',
  'live.indicator': 'Ihr Bildschirm wird geteilt',
  'live.title': 'Die Sitzung läuft',
  'live.with': '{agentName} ({org}) sieht Ihren Bildschirm.',
  'live.view-only': 'Nur ansehen: Ihr Mitarbeiter kann Ihren Bildschirm sehen, aber nichts anklicken oder eingeben.',
  'live.how-to-end': 'Sie können die Sitzung jederzeit mit „Beenden“ beenden oder indem Sie diese Seite schließen.',
  'live.end': 'Beenden',
  'live.document-title': '● Bildschirm wird geteilt – Fernhilfe',
  'ended.title': 'Die Sitzung ist beendet',
  'ended.nothing-shared': 'Es wurde nichts geteilt.',
  'ended.back': 'Zur Startseite',
  'end.guest-ended': 'Sie haben die Sitzung beendet.',
  'end.stopped-sharing': 'Sie haben das Teilen im Browser beendet. Die Sitzung ist damit beendet.',
  'end.agent-ended': 'Ihr Mitarbeiter hat die Sitzung beendet.',
  'end.consent-refused': 'Sie haben abgelehnt.',
  'end.picker-cancelled': 'Sie haben die Bildschirmauswahl abgebrochen.',
  'end.capture-unsupported':
    'Ihr Browser kann den Bildschirm nicht teilen. Bitte verwenden Sie einen aktuellen Chrome, Edge, Firefox oder Safari.',
  'end.expired': 'Die Zeit für die Bestätigung ist abgelaufen.',
  'end.security-code-mismatch':
    'Der Sicherheitscode stimmte nicht überein. Die Sitzung wurde zu Ihrer Sicherheit beendet.',
  'end.peer-lost': 'Die Verbindung wurde unterbrochen.',
  'end.protocol-error': 'Die Sitzung wurde wegen eines technischen Fehlers beendet.',
  'end.relay-shutdown': 'Der Support-Server wird gerade neu gestartet. Bitte versuchen Sie es gleich noch einmal.',
  'end.guest-window-closed': 'Die Seite wurde geschlossen.',
  'end.interrupted': 'Die Sitzung wurde unterbrochen.',
  'download.title': 'Hilfe mit Maus und Tastatur',
  'download.intro':
    'Soll Ihr Mitarbeiter an Ihrem Computer auch klicken und tippen können? Dafür gibt es das Gastmodul: eine Datei, ohne Installation und ohne Administratorrechte.',
  'download.run-windows': 'Laden Sie es herunter, starten Sie {file} und geben Sie dort die Sitzungsnummer ein.',
  'download.run-linux':
    'Laden Sie es herunter, machen Sie es ausführbar (chmod +x {file}), starten Sie es und geben Sie dort die Sitzungsnummer ein.',
  'download.button': 'Gastmodul herunterladen – für Hilfe mit Maus und Tastatur',
  'download.details': '{file} · {size} MB',
  'download.checksum': 'Prüfsumme (SHA-256), Ihr Mitarbeiter kann sie Ihnen vorlesen:',
  'download.unsigned':
    'Dieses Gastmodul ist nicht signiert: Windows warnt vor dem Start. Starten Sie es nur, wenn die Prüfsumme stimmt.',
  'download.view-only': 'Nur ansehen lassen? Dafür genügt diese Seite: Geben Sie die Sitzungsnummer oben ein.',
} as const;

/** Keys of every text on the page. */
export type MessageKey = keyof typeof de;

const en: Record<MessageKey, string> = {
  'app.name': 'Fernhilfe',
  'app.tagline': 'Remote support',
  'language.switch': 'Language',
  'enter.title': 'Start support',
  'enter.intro': 'Enter the 8-digit session number your support agent gives you on the phone.',
  'enter.label': 'Session number',
  'enter.start': 'Start Support',
  'enter.privacy': 'Your screen is only shared after you confirm it. The connection is end-to-end encrypted.',
  'number.empty': 'Please enter the 8-digit session number.',
  'number.not-digits': 'The session number consists of digits only. Please check what you typed.',
  'number.too-short': 'The session number has 8 digits. You have entered {count} so far.',
  'number.too-long': 'The session number has only 8 digits. You have entered {count}.',
  'number.typo': 'This number cannot be right – probably a typo. Please ask your agent to read it to you again.',
  'join.unknown-number': 'There is no session with this number. Please check it, or ask your agent for a new one.',
  'join.expired': 'This session number has expired. Please ask your agent for a new number.',
  'join.already-taken':
    'Someone has already connected with this number. Each number works only once – please ask for a new one.',
  'join.rate-limited': 'Too many attempts. Please wait {seconds} seconds, then try again.',
  'join.unreachable': 'The support server cannot be reached. Please check your internet connection and try again.',
  'join.failed': 'The connection failed. Please try again.',
  'connecting.title': 'Connecting …',
  'connecting.detail': 'One moment, please. Nothing is being shared yet.',
  'connecting.cancel': 'Cancel',
  'confirm.title': 'Do you want to show your screen?',
  'confirm.who': 'Who wants to see your screen?',
  'confirm.code': 'Security code',
  'confirm.code-hint': 'Your agent will read you this code — only continue if it matches.',
  'confirm.what': 'What will be shared?',
  'confirm.what-screen': 'Your screen, to look at only (your browser asks next which one).',
  'confirm.what-no-files': 'No files.',
  'confirm.what-no-control': 'No control: this page can only show your screen, it cannot operate it.',
  'confirm.yes': 'Yes, show my screen',
  'confirm.no': 'No',
  'choosing.title': 'Please choose the screen',
  'choosing.detail': 'Your browser shows a window. Choose “Entire screen” there and click “Share”.',
  'live.indicator': 'Your screen is being shared',
  'live.title': 'The session is running',
  'live.with': '{agentName} ({org}) can see your screen.',
  'live.view-only': 'View only: your agent can see your screen but cannot click or type anything.',
  'live.how-to-end': 'You can end the session at any time with “End” or by closing this page.',
  'live.end': 'End',
  'live.document-title': '● Sharing your screen – Fernhilfe',
  'ended.title': 'The session has ended',
  'ended.nothing-shared': 'Nothing was shared.',
  'ended.back': 'Back to start',
  'end.guest-ended': 'You ended the session.',
  'end.stopped-sharing': 'You stopped sharing in your browser, which ended the session.',
  'end.agent-ended': 'Your agent ended the session.',
  'end.consent-refused': 'You declined.',
  'end.picker-cancelled': 'You cancelled the screen selection.',
  'end.capture-unsupported':
    'Your browser cannot share the screen. Please use a current Chrome, Edge, Firefox or Safari.',
  'end.expired': 'The time to confirm has run out.',
  'end.security-code-mismatch': 'The security code did not match. The session was ended for your safety.',
  'end.peer-lost': 'The connection was interrupted.',
  'end.protocol-error': 'The session ended because of a technical error.',
  'end.relay-shutdown': 'The support server is restarting. Please try again in a moment.',
  'end.guest-window-closed': 'The page was closed.',
  'end.interrupted': 'The session was interrupted.',
  'download.title': 'Help with mouse and keyboard',
  'download.intro':
    'Should your agent be able to click and type on your computer too? That is what the guest module is for: one file, no installation, no administrator rights.',
  'download.run-windows': 'Download it, start {file} and enter the session number there.',
  'download.run-linux':
    'Download it, make it executable (chmod +x {file}), start it and enter the session number there.',
  'download.button': 'Download the guest module – for help with mouse and keyboard',
  'download.details': '{file} · {size} MB',
  'download.checksum': 'Checksum (SHA-256), your agent can read it out to you:',
  'download.unsigned':
    'This guest module is not signed: Windows warns before it starts. Only start it if the checksum matches.',
  'download.view-only': 'Just want to show your screen? This page is enough: enter the session number above.',
};

const CATALOGUES: Readonly<Record<Language, Readonly<Record<MessageKey, string>>>> = { de, en };

/** Values put into a message's `{name}` placeholders. */
export type MessageParams = Readonly<Record<string, string | number>>;

/** Translates message keys into one language. */
export type Translate = (key: MessageKey, params?: MessageParams) => string;

/**
 * The translator for one language.
 *
 * @param language - `de` or `en`
 * @returns a function from key (and placeholder values) to text
 */
export function translator(language: Language): Translate {
  const catalogue = CATALOGUES[language];
  return (key, params) =>
    catalogue[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      params !== undefined && name in params ? String(params[name]) : whole,
    );
}

/**
 * Picks the page language from the browser's preferred languages: the first German or
 * English entry wins; anything else gets English.
 *
 * @param preferred - `navigator.languages` (most preferred first)
 * @returns the language to show
 */
export function pickLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'de' || base === 'en') return base;
  }
  return 'en';
}

/**
 * Every message key, for tests that check both catalogues are complete.
 *
 * @returns the keys of the German catalogue (the English one is typed to match)
 */
export function messageKeys(): MessageKey[] {
  return Object.keys(de) as MessageKey[];
}
