/**
 * Every text of the viewer and the console, German first. `{name}` marks a parameter.
 * English must have exactly the same keys (checked by the type of `en`).
 */
const de = {
  'app.title': 'Fernhilfe',
  'app.subtitle': 'Agent-Konsole',
  'language.label': 'Sprache',
  'language.de': 'Deutsch',
  'language.en': 'English',

  'signIn.title': 'Anmelden',
  'signIn.tokenLabel': 'Agent-Token',
  'signIn.tokenHint': 'Das Token bleibt nur in diesem Browser-Tab gespeichert.',
  'signIn.submit': 'Anmelden',
  'signIn.signOut': 'Abmelden',
  'signIn.empty': 'Bitte geben Sie Ihr Agent-Token ein.',

  'session.new': 'Neue Sitzung',
  'session.creating': 'Sitzung wird angelegt …',
  'session.idleHint': 'Legen Sie eine Sitzung an und nennen Sie dem Kunden am Telefon die Nummer.',
  'session.numberLabel': 'Sitzungsnummer',
  'session.numberInstruction': 'Nennen Sie dem Kunden diese Nummer.',
  'session.expiresIn': 'Gültig noch {time}',
  'session.numberExpired': 'Nummer abgelaufen',
  'session.end': 'Sitzung beenden',
  'session.endedTitle': 'Sitzung beendet',
  'session.again': 'Neue Sitzung',

  'steps.label': 'Ablauf',
  'steps.waiting': 'Warten auf den Kunden',
  'steps.connected': 'Verbunden',
  'steps.securityCode': 'Sicherheitscode',
  'steps.consent': 'Warten auf Zustimmung',
  'steps.liveView': 'Live (Ansicht)',
  'steps.control': 'Steuerung erteilt',
  'steps.ended': 'Beendet',

  'code.label': 'Sicherheitscode',
  'code.instruction': 'Lesen Sie dem Kunden diesen Code vor. Auf seinem Bildschirm muss genau derselbe Code stehen.',
  'code.mismatch': 'Code stimmt nicht',
  'code.waitingConsent': 'Der Kunde bestätigt jetzt die Freigabe mit „Ja“.',
  'code.shownAs': 'Beim Kunden steht: „{agentName} von {org} möchte Ihren Bildschirm sehen.“',

  'screen.label': 'Bildschirm des Kunden',
  'screen.waitingFirstFrame': 'Warte auf das erste Bild …',
  'screen.fit': 'Einpassen',
  'screen.notYet': 'Der Bildschirm des Kunden erscheint hier, sobald er zugestimmt hat.',
  'screen.actualSize': '1:1',

  'control.request': 'Steuerung anfordern',
  'control.requested': 'Steuerung angefragt …',
  'control.release': 'Steuerung zurückgeben',
  'control.on': 'Steuerung aktiv',
  'control.off': 'Nur Ansicht',
  'control.refused': 'Der Kunde hat die Steuerung abgelehnt.',
  'control.revoked': 'Der Kunde hat die Steuerung zurückgenommen.',
  'control.blocked.elevated-window':
    'Der Kunde hat ein Fenster mit Administratorrechten im Vordergrund – Eingaben werden von Windows blockiert.',
  'control.blocked.secure-desktop':
    'Beim Kunden ist ein geschützter Desktop aktiv (Benutzerkontensteuerung, Sperrbildschirm) – Eingaben werden von Windows blockiert.',
  'control.combos': 'Tastenkombinationen',

  'combo.ctrl-alt-del': 'Strg+Alt+Entf',
  'combo.ctrl-shift-esc': 'Strg+Umschalt+Esc',
  'combo.alt-tab': 'Alt+Tab',
  'combo.alt-f4': 'Alt+F4',
  'combo.super': 'Windows-/Super-Taste',
  'combo.ctrl-esc': 'Strg+Esc',
  'combo.ctrl-w': 'Strg+W',
  'combo.ctrl-t': 'Strg+T',
  'combo.ctrl-n': 'Strg+N',
  'combo.print-screen': 'Druck',

  'status.fps': 'Bilder/s',
  'status.kbps': 'kbit/s',
  'status.rtt': 'RTT',
  'status.duration': 'Dauer',

  'endReason.guest-ended': 'Der Kunde hat die Sitzung beendet.',
  'endReason.agent-ended': 'Sie haben die Sitzung beendet.',
  'endReason.guest-window-closed': 'Der Kunde hat das Fenster geschlossen.',
  'endReason.expired': 'Die Sitzungsnummer ist abgelaufen, bevor der Kunde beigetreten ist.',
  'endReason.consent-refused': 'Der Kunde hat die Freigabe abgelehnt.',
  'endReason.security-code-mismatch': 'Der Sicherheitscode stimmte nicht überein. Die Verbindung wurde getrennt.',
  'endReason.peer-lost': 'Die Verbindung zum Kunden ist abgebrochen.',
  'endReason.protocol-error': 'Die Sitzung wurde wegen eines Protokollfehlers beendet.',
  'endReason.relay-shutdown': 'Der Relay-Server wurde heruntergefahren.',
  'endReason.interrupted': 'Die Sitzung wurde unterbrochen.',

  'error.VIEWER_UNKNOWN_NUMBER': 'Diese Sitzungsnummer ist unbekannt.',
  'error.VIEWER_EXPIRED': 'Diese Sitzungsnummer ist abgelaufen.',
  'error.VIEWER_RATE_LIMITED': 'Zu viele Versuche. Bitte warten Sie einen Moment.',
  'error.VIEWER_RELAY_UNREACHABLE': 'Der Relay-Server ist nicht erreichbar.',
  'error.VIEWER_TOKEN_UNAVAILABLE': 'Das Agent-Token konnte nicht abgerufen werden.',
  'error.VIEWER_TOKEN_REJECTED': 'Das Agent-Token wurde abgelehnt. Bitte melden Sie sich neu an.',
  'error.VIEWER_INVALID_OPTION': 'Der Viewer ist falsch konfiguriert.',
  'error.VIEWER_INVALID_STATE': 'Diese Aktion ist gerade nicht möglich.',
  'error.VIEWER_DECODE_FAILED': 'Das Bild des Kunden konnte nicht dargestellt werden.',
  'error.VIEWER_NOT_CONNECTED': 'Keine Verbindung zum Relay-Server eingerichtet.',
} as const;

/** Key of one text. */
export type MessageKey = keyof typeof de;

const en: Record<MessageKey, string> = {
  'app.title': 'Fernhilfe',
  'app.subtitle': 'Agent console',
  'language.label': 'Language',
  'language.de': 'Deutsch',
  'language.en': 'English',

  'signIn.title': 'Sign in',
  'signIn.tokenLabel': 'Agent token',
  'signIn.tokenHint': 'The token is kept in this browser tab only.',
  'signIn.submit': 'Sign in',
  'signIn.signOut': 'Sign out',
  'signIn.empty': 'Please enter your agent token.',

  'session.new': 'New session',
  'session.creating': 'Creating session …',
  'session.idleHint': 'Create a session and read the number to the customer on the phone.',
  'session.numberLabel': 'Session number',
  'session.numberInstruction': 'Read this number to the customer.',
  'session.expiresIn': 'Valid for {time}',
  'session.numberExpired': 'Number expired',
  'session.end': 'End session',
  'session.endedTitle': 'Session ended',
  'session.again': 'New session',

  'steps.label': 'Progress',
  'steps.waiting': 'Waiting for the customer',
  'steps.connected': 'Connected',
  'steps.securityCode': 'Security code',
  'steps.consent': 'Waiting for consent',
  'steps.liveView': 'Live (view)',
  'steps.control': 'Control granted',
  'steps.ended': 'Ended',

  'code.label': 'Security code',
  'code.instruction': 'Read this code aloud to the customer. Their screen must show exactly the same code.',
  'code.mismatch': "Code doesn't match",
  'code.waitingConsent': 'The customer now confirms with “Yes”.',
  'code.shownAs': 'The customer reads: “{agentName} from {org} would like to see your screen.”',

  'screen.label': "Customer's screen",
  'screen.waitingFirstFrame': 'Waiting for the first picture …',
  'screen.fit': 'Fit',
  'screen.notYet': "The customer's screen appears here once they have agreed.",
  'screen.actualSize': '1:1',

  'control.request': 'Request control',
  'control.requested': 'Control requested …',
  'control.release': 'Give back control',
  'control.on': 'Control on',
  'control.off': 'View only',
  'control.refused': 'The customer refused control.',
  'control.revoked': 'The customer took control back.',
  'control.blocked.elevated-window':
    'The customer has a window with administrator rights in the foreground – Windows blocks your input.',
  'control.blocked.secure-desktop':
    "A secure desktop is active on the customer's computer (UAC prompt, lock screen) – Windows blocks your input.",
  'control.combos': 'Key combinations',

  'combo.ctrl-alt-del': 'Ctrl+Alt+Del',
  'combo.ctrl-shift-esc': 'Ctrl+Shift+Esc',
  'combo.alt-tab': 'Alt+Tab',
  'combo.alt-f4': 'Alt+F4',
  'combo.super': 'Windows/Super key',
  'combo.ctrl-esc': 'Ctrl+Esc',
  'combo.ctrl-w': 'Ctrl+W',
  'combo.ctrl-t': 'Ctrl+T',
  'combo.ctrl-n': 'Ctrl+N',
  'combo.print-screen': 'Print Screen',

  'status.fps': 'frames/s',
  'status.kbps': 'kbit/s',
  'status.rtt': 'RTT',
  'status.duration': 'Duration',

  'endReason.guest-ended': 'The customer ended the session.',
  'endReason.agent-ended': 'You ended the session.',
  'endReason.guest-window-closed': 'The customer closed the window.',
  'endReason.expired': 'The session number expired before the customer joined.',
  'endReason.consent-refused': 'The customer refused to share the screen.',
  'endReason.security-code-mismatch': 'The security code did not match. The connection was closed.',
  'endReason.peer-lost': 'The connection to the customer was lost.',
  'endReason.protocol-error': 'The session ended because of a protocol error.',
  'endReason.relay-shutdown': 'The relay server shut down.',
  'endReason.interrupted': 'The session was interrupted.',

  'error.VIEWER_UNKNOWN_NUMBER': 'This session number is unknown.',
  'error.VIEWER_EXPIRED': 'This session number has expired.',
  'error.VIEWER_RATE_LIMITED': 'Too many attempts. Please wait a moment.',
  'error.VIEWER_RELAY_UNREACHABLE': 'The relay server cannot be reached.',
  'error.VIEWER_TOKEN_UNAVAILABLE': 'The agent token could not be fetched.',
  'error.VIEWER_TOKEN_REJECTED': 'The agent token was rejected. Please sign in again.',
  'error.VIEWER_INVALID_OPTION': 'The viewer is misconfigured.',
  'error.VIEWER_INVALID_STATE': 'This action is not possible right now.',
  'error.VIEWER_DECODE_FAILED': "The customer's picture could not be shown.",
  'error.VIEWER_NOT_CONNECTED': 'No connection to a relay server is set up.',
};

/** The languages of the UI. */
export const LANGUAGES = ['de', 'en'] as const;

/** One of {@link LANGUAGES}. */
export type Lang = (typeof LANGUAGES)[number];

/** The text table, one entry per language with the same keys. */
export const MESSAGES: Readonly<Record<Lang, Readonly<Record<MessageKey, string>>>> = { de, en };
