import type { JoinProblem, NumberProblem } from '@fernhilfe/desktop';
import type { EndReason } from '@fernhilfe/session';
import type { Lang } from './ui-text';
import { UI_TEXTS } from './ui-text';

/** What the terminal UI shows at one moment; {@link renderView} turns it into text. */
export type UiView =
  | { kind: 'welcome' }
  | { kind: 'number-problem'; problem: NumberProblem }
  | { kind: 'language' }
  | { kind: 'connecting'; relay: string }
  | { kind: 'join-problem'; problem: JoinProblem; retryAfterMs?: number }
  | { kind: 'proxy-auth'; proxy: string; attempt: number }
  | { kind: 'handshake' }
  | { kind: 'confirm'; agentName: string; org: string; securityCode: string }
  | { kind: 'answer-yes-no' }
  | { kind: 'sharing' }
  | { kind: 'control-request'; agentName: string }
  | { kind: 'control'; granted: boolean; wasRequest: boolean }
  | { kind: 'unknown-command' }
  | { kind: 'ending' }
  | { kind: 'ended'; reason: EndReason }
  | { kind: 'goodbye' };

/** The always-visible status line during a session. */
export interface SessionStatus {
  /** Whether the agent may use mouse and keyboard right now. */
  controlGranted: boolean;
}

const RULE = '─'.repeat(72);

/**
 * Renders one view as lines of text (no trailing newline).
 *
 * @param view - what to show
 * @param lang - language
 * @returns the text
 */
export function renderView(view: UiView, lang: Lang): string {
  const t = UI_TEXTS[lang];
  switch (view.kind) {
    case 'welcome':
      return `${RULE}\n${t.title}\n${RULE}\n${t.welcome}`;
    case 'number-problem':
      return t.numberProblem[view.problem];
    case 'language':
      return t.switchedLanguage;
    case 'connecting':
      return t.connecting(view.relay);
    case 'join-problem': {
      const wait =
        view.retryAfterMs === undefined ? '' : ` ${t.retryAfter(Math.max(1, Math.ceil(view.retryAfterMs / 1000)))}`;
      return `${t.joinProblem[view.problem]}${wait}`;
    }
    case 'proxy-auth':
      return t.proxyAsks(view.proxy, view.attempt);
    case 'handshake':
      return t.waitingForCode;
    case 'confirm':
      return [
        RULE,
        t.whoAsks(view.agentName, view.org),
        '',
        `    ${t.securityCode(view.securityCode)}`,
        '',
        t.codeHint,
        t.whatIsShared,
        t.controlLater,
        RULE,
      ].join('\n');
    case 'answer-yes-no':
      return t.answerYesNo;
    case 'sharing':
      return t.sharingStarted;
    case 'control-request':
      return t.controlRequest(view.agentName);
    case 'control':
      if (view.granted) return t.controlGranted;
      return view.wasRequest ? t.controlRefused : t.controlEnded;
    case 'unknown-command':
      return t.unknownCommand;
    case 'ending':
      return t.ending;
    case 'ended':
      return `${t.ended[view.reason]}\n${t.backToStart}`;
    case 'goodbye':
      return t.goodbye;
  }
}

/**
 * The status line shown as the prompt while the screen is shared: sharing, control, how to end.
 *
 * @param status - control state
 * @param lang - language
 * @returns one line ending in a prompt marker
 */
export function renderStatusLine(status: SessionStatus, lang: Lang): string {
  const t = UI_TEXTS[lang];
  const parts = [t.statusSharing, status.controlGranted ? t.statusControlOn : t.statusControlOff];
  if (status.controlGranted) parts.push(t.statusTakeBack);
  parts.push(t.statusHowToEnd);
  return `[${parts.join(' | ')}] > `;
}

/** A command typed during the session. */
export type SessionCommand = 'end' | 'take-back';

const YES = new Set(['j', 'ja', 'y', 'yes']);
const NO = new Set(['n', 'nein', 'no']);
const END = new Set(['b', 'beenden', 'q', 'quit', 'end', 'exit']);
const TAKE_BACK = new Set(['z', 'zurück', 'zuruck', 't', 'take', 'take back']);

/**
 * Reads a Ja/Nein answer in either language.
 *
 * @param line - what the customer typed
 * @returns `true` for yes, `false` for no, `undefined` for anything else
 */
export function parseYesNo(line: string): boolean | undefined {
  const word = line.trim().toLowerCase();
  if (YES.has(word)) return true;
  if (NO.has(word)) return false;
  return undefined;
}

/**
 * Reads a session command in either language.
 *
 * @param line - what the customer typed
 * @returns the command, or `undefined`
 */
export function parseSessionCommand(line: string): SessionCommand | undefined {
  const word = line.trim().toLowerCase();
  if (END.has(word)) return 'end';
  if (TAKE_BACK.has(word)) return 'take-back';
  return undefined;
}

/**
 * Reads a language switch typed at the number prompt.
 *
 * @param line - what the customer typed
 * @returns the language, or `undefined`
 */
export function parseLanguageSwitch(line: string): Lang | undefined {
  const word = line.trim().toLowerCase();
  if (word === 'de' || word === 'deutsch') return 'de';
  if (word === 'en' || word === 'english') return 'en';
  return undefined;
}

/**
 * Picks the UI language from the environment as POSIX programs do (`LC_ALL`, then
 * `LC_MESSAGES`, then `LANG`): German for `de*`, English otherwise.
 *
 * @param env - the environment
 * @returns the language
 */
export function languageFromEnv(env: Readonly<Record<string, string | undefined>>): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('de') ? 'de' : 'en';
}
