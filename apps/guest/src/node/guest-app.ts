import { type Desktop, type DesktopSession, type GuestEndReason, startDesktopSession } from '@fernhilfe/desktop';
import { parseSessionNumber } from '@fernhilfe/session';
import {
  createGuestClient,
  type GuestChannel,
  type GuestClientOptions,
  type ProxyAuthRequest,
  type ProxyCredentials,
} from '@fernhilfe/transport';

import { joinProblem, numberProblem } from './problems';
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

/** Connection settings of the relay client, besides URL, number and the proxy prompt. */
export type GuestConnectOptions = Omit<GuestClientOptions, 'url' | 'number' | 'onProxyAuth'>;

/** Options of {@link createGuestApp}. */
export interface GuestAppOptions {
  /** Where the customer types and reads. */
  terminal: Terminal;
  /** Initial UI language (the customer can switch at the number prompt). */
  lang: Lang;
  /** WebSocket URL of the relay endpoint. */
  relayUrl: string;
  /** Number to use for the first session (`--number`); later sessions ask for one. */
  number?: string;
  /** Proxy, TLS and limit settings of the relay connection. */
  connectOptions?: GuestConnectOptions;
  /** Opens the X display for a session (closed again when the session ends). */
  openDesktop: () => Promise<Desktop>;
  /** Joins a session. @default `createGuestClient` */
  join?: (options: GuestClientOptions) => Promise<GuestChannel>;
  /** Poll interval of the screen stream in ms. @default 40 */
  pollIntervalMs?: number;
}

/** Why the app stopped. */
export type GuestAppExit = 'interrupted' | 'terminated' | 'input-closed';

/** The Node guest's terminal application: number → join → consent → session → number again. */
export interface GuestApp {
  /**
   * Runs until Ctrl+C, termination or the end of input.
   *
   * @returns why it stopped; a running session was ended first
   */
  run(): Promise<GuestAppExit>;
  /** Ctrl+C (SIGINT): ends a running session as `guest-ended`, then the app stops. */
  interrupt(): void;
  /** The window or process is being closed (SIGTERM, SIGHUP): ends a session as `guest-window-closed`. */
  terminate(): void;
  /** The running session, if any. */
  readonly session: DesktopSession | undefined;
}

/**
 * Creates the terminal application of the Node guest. Logic lives in the libs and in
 * {@link startDesktopSession}; this only talks to the customer.
 *
 * @param options - terminal, language, relay, desktop
 * @returns the app, not yet running
 */
export function createGuestApp(options: GuestAppOptions): GuestApp {
  const { terminal } = options;
  const join = options.join ?? createGuestClient;
  let lang = options.lang;
  let exit: { kind: GuestAppExit; reason: GuestEndReason } | undefined;
  const exitController = new AbortController();
  let current: DesktopSession | undefined;

  const t = () => UI_TEXTS[lang];
  // A function, not the variable: TypeScript cannot see that signals change `exit` across awaits.
  const exitRequested = () => exit;
  const show = (view: UiView) => terminal.print(renderView(view, lang));
  const requestExit = (kind: GuestAppExit, reason: GuestEndReason) => {
    if (exit !== undefined) return;
    exit = { kind, reason };
    exitController.abort();
  };
  terminal.onInterrupt(() => requestExit('interrupted', 'guest-ended'));

  const readLine = async (prompt: string, signal: AbortSignal, secret = false): Promise<string | undefined> => {
    const result = await terminal.readLine(prompt, { signal, secret });
    if (result.kind === 'closed') requestExit('input-closed', 'guest-window-closed');
    return result.kind === 'line' ? result.text : undefined;
  };

  const askYesNo = async (prompt: () => string, signal: AbortSignal): Promise<boolean | undefined> => {
    for (;;) {
      const line = await readLine(prompt(), signal);
      if (line === undefined) return undefined;
      const answer = parseYesNo(line);
      if (answer !== undefined) return answer;
      show({ kind: 'answer-yes-no' });
    }
  };

  const checkNumber = (typed: string): string | undefined => {
    try {
      return parseSessionNumber(typed);
    } catch (error) {
      show({ kind: 'number-problem', problem: numberProblem(error) });
      return undefined;
    }
  };

  const askNumber = async (): Promise<string | undefined> => {
    while (exit === undefined) {
      const line = await readLine(t().numberPrompt, exitController.signal);
      if (line === undefined) return undefined;
      if (line.trim() === '') continue;
      const switched = parseLanguageSwitch(line);
      if (switched !== undefined) {
        lang = switched;
        show({ kind: 'language' });
        continue;
      }
      const number = checkNumber(line);
      if (number !== undefined) return number;
    }
    return undefined;
  };

  const askProxyCredentials = async (request: ProxyAuthRequest): Promise<ProxyCredentials | null> => {
    show({ kind: 'proxy-auth', proxy: request.proxy, attempt: request.attempt });
    const username = await readLine(t().proxyUser, exitController.signal);
    if (username === undefined || username.trim() === '') return null;
    const password = await readLine(t().proxyPassword, exitController.signal, true);
    if (password === undefined) return null;
    return { username: username.trim(), password };
  };

  const connect = async (number: string): Promise<GuestChannel | undefined> => {
    show({ kind: 'connecting', relay: options.relayUrl });
    try {
      return await join({
        ...options.connectOptions,
        url: options.relayUrl,
        number,
        onProxyAuth: askProxyCredentials,
      });
    } catch (error) {
      if (exit === undefined) show({ kind: 'join-problem', ...joinProblem(error) });
      return undefined;
    }
  };

  const converse = async (session: DesktopSession, signal: AbortSignal): Promise<void> => {
    let controlGranted = false;
    let requestPending = false;
    const prompt = () => (requestPending ? t().controlPrompt : renderStatusLine({ controlGranted }, lang));
    session.on('control-requested', () => {
      requestPending = true;
      show({ kind: 'control-request', agentName: session.peer.agentName });
      terminal.setPrompt(prompt());
    });
    session.on('control', (granted) => {
      controlGranted = granted;
      show({ kind: 'control', granted, wasRequest: false });
      terminal.setPrompt(prompt());
    });
    while (!signal.aborted) {
      const line = await readLine(prompt(), signal);
      if (line === undefined) return;
      if (requestPending) {
        const answer = parseYesNo(line);
        if (answer === undefined) {
          show({ kind: 'answer-yes-no' });
          continue;
        }
        requestPending = false;
        await session.answerControlRequest(answer).catch(() => undefined);
        if (!answer) show({ kind: 'control', granted: false, wasRequest: true });
        continue;
      }
      const command = parseSessionCommand(line);
      if (command === 'end') {
        show({ kind: 'ending' });
        await session.end('guest-ended');
        return;
      }
      if (command === 'take-back') await session.revokeControl();
      else if (line.trim() !== '') show({ kind: 'unknown-command' });
    }
  };

  const runSession = async (channel: GuestChannel, desktop: Desktop): Promise<void> => {
    const session = startDesktopSession({
      channel,
      desktop,
      ...(options.pollIntervalMs === undefined ? {} : { pollIntervalMs: options.pollIntervalMs }),
    });
    current = session;
    const securityCode = new Promise<string>((resolve) => session.on('security-code', resolve));
    const over = new AbortController();
    void session.ended.then(() => over.abort());
    const signal = AbortSignal.any([over.signal, exitController.signal]);
    const endOnExit = () => {
      if (exit !== undefined) void session.end(exit.reason);
    };
    exitController.signal.addEventListener('abort', endOnExit);
    endOnExit();
    try {
      show({ kind: 'handshake' });
      const code = await Promise.race([securityCode, session.ended.then(() => undefined)]);
      if (code !== undefined && !signal.aborted) {
        show({ kind: 'confirm', agentName: session.peer.agentName, org: session.peer.org, securityCode: code });
        const yes = await askYesNo(() => t().confirmPrompt, signal);
        if (yes === true) {
          await session.confirm().catch(() => undefined);
          if (session.call.state === 'active-view') {
            show({ kind: 'sharing' });
            await converse(session, signal);
          }
        } else if (yes === false) {
          await session.refuse().catch(() => undefined);
        }
      }
      const ended = await session.ended;
      show({ kind: 'ended', reason: ended.reason });
    } finally {
      exitController.signal.removeEventListener('abort', endOnExit);
      current = undefined;
    }
  };

  return {
    async run() {
      show({ kind: 'welcome' });
      let first = options.number;
      while (exit === undefined) {
        const number = first === undefined ? await askNumber() : checkNumber(first);
        first = undefined;
        if (number === undefined) continue;
        let desktop: Desktop;
        try {
          desktop = await options.openDesktop();
        } catch (error) {
          show({ kind: 'join-problem', ...joinProblem(error) });
          continue;
        }
        try {
          const channel = await connect(number);
          if (channel === undefined) continue;
          const stopping = exitRequested();
          if (stopping !== undefined) {
            channel.close(stopping.reason);
            break;
          }
          await runSession(channel, desktop);
        } finally {
          await desktop.close();
        }
      }
      show({ kind: 'goodbye' });
      return exit?.kind ?? 'interrupted';
    },
    interrupt: () => requestExit('interrupted', 'guest-ended'),
    terminate: () => requestExit('terminated', 'guest-window-closed'),
    get session() {
      return current;
    },
  };
}
