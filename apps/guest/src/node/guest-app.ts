import {
  type CustomerFlowOptions,
  createCustomerFlow,
  type Desktop,
  type DesktopSession,
  type GuestConnectOptions,
} from '@fernhilfe/desktop';
import type { Terminal } from './terminal';
import { createTerminalUi } from './terminal-ui';
import type { Lang } from './ui-text';

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
  /** Opens the desktop for a session (closed again when the session ends). */
  openDesktop: () => Promise<Desktop>;
  /** Joins a session. @default `createGuestClient` */
  join?: CustomerFlowOptions['join'];
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
 * Creates the terminal application of the Node guest: `@fernhilfe/desktop`'s customer flow
 * presented on a terminal ({@link createTerminalUi}). It adds only what belongs to a terminal
 * program: the welcome and goodbye, Ctrl+C, and how a session ended when the program stops
 * during one.
 *
 * @param options - terminal, language, relay, desktop
 * @returns the app, not yet running
 */
export function createGuestApp(options: GuestAppOptions): GuestApp {
  const ui = createTerminalUi(options.terminal, options.lang);
  const flow = createCustomerFlow({
    ui,
    relayUrl: options.relayUrl,
    openDesktop: options.openDesktop,
    ...(options.number === undefined ? {} : { number: options.number }),
    ...(options.connectOptions === undefined ? {} : { connectOptions: options.connectOptions }),
    ...(options.join === undefined ? {} : { join: options.join }),
    ...(options.pollIntervalMs === undefined ? {} : { sessionOptions: { pollIntervalMs: options.pollIntervalMs } }),
  });
  let exit: GuestAppExit | undefined;
  let stoppedDuringSession = false;
  const stop = (kind: GuestAppExit) => {
    if (exit !== undefined) return;
    exit = kind;
    stoppedDuringSession = flow.session !== undefined;
    flow.stop(kind === 'interrupted' ? 'guest-ended' : 'guest-window-closed');
  };
  options.terminal.onInterrupt(() => stop('interrupted'));

  return {
    async run() {
      ui.show({ kind: 'welcome' });
      await flow.run();
      const ended = flow.lastEnded;
      if (stoppedDuringSession && ended !== undefined) ui.show({ kind: 'ended', reason: ended.reason });
      ui.show({ kind: 'goodbye' });
      return exit ?? (ui.inputClosed ? 'input-closed' : 'interrupted');
    },
    interrupt: () => stop('interrupted'),
    terminate: () => stop('terminated'),
    get session() {
      return flow.session;
    },
  };
}
