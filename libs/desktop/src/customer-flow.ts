import type { CallEnded } from '@fernhilfe/call';
import { parseSessionNumber } from '@fernhilfe/session';
import {
  createGuestClient,
  type GuestChannel,
  type GuestClientOptions,
  type ProxyAuthRequest,
  type ProxyCredentials,
} from '@fernhilfe/transport';
import { converseWithCustomer } from './customer-session';
import type { CustomerUi, NumberNotice } from './customer-ui';
import type { Desktop } from './desktop';
import {
  type DesktopSession,
  type DesktopSessionOptions,
  type GuestEndReason,
  startDesktopSession,
} from './desktop-session';
import { requireArgument } from './errors';
import { joinProblem, numberProblem } from './problems';

/** Connection settings of the relay client, besides URL, number and the proxy prompt. */
export type GuestConnectOptions = Omit<GuestClientOptions, 'url' | 'number' | 'onProxyAuth'>;

/** Options of {@link createCustomerFlow}. */
export interface CustomerFlowOptions {
  /** The customer's dialogs. */
  ui: CustomerUi;
  /** WebSocket URL of the relay endpoint. */
  relayUrl: string;
  /** Opens the desktop for one session; it is closed again when the session ends. */
  openDesktop: () => Promise<Desktop>;
  /** Number for the first session (e.g. from the command line), checked like a typed one; later sessions ask. */
  number?: string;
  /** Proxy, TLS and limit settings of the relay connection. */
  connectOptions?: GuestConnectOptions;
  /** Joins a session. @default `createGuestClient` of `@fernhilfe/transport` */
  join?: (options: GuestClientOptions) => Promise<GuestChannel>;
  /** Settings of each session (poll interval, frames in flight, timeouts). */
  sessionOptions?: Omit<DesktopSessionOptions, 'channel' | 'desktop'>;
}

/** The customer's side of the guest, from the number dialog to the end of each session and back. */
export interface CustomerFlow {
  /**
   * Runs sessions one after another until the customer quits the number dialog
   * ({@link CustomerUi.askNumber} resolves `undefined`) or {@link CustomerFlow.stop} is called.
   *
   * @returns when the flow stopped; a running session was ended and its desktop closed first
   */
  run(): Promise<void>;
  /**
   * Stops the flow (a signal, the program closing): a running session ends with `reason`, an
   * open dialog is told its question is moot, and {@link CustomerFlow.run} resolves.
   *
   * @param reason - `guest-ended` (Ctrl+C) or `guest-window-closed` (window or process closed)
   */
  stop(reason: GuestEndReason): void;
  /** The running session, if any. */
  readonly session: DesktopSession | undefined;
  /** How the most recent session ended, if one ran. */
  readonly lastEnded: CallEnded | undefined;
}

/** What one attempt to join gave: a channel, or the notice to show above the number field. */
type Joined = { channel: GuestChannel } | { notice: NumberNotice | undefined };

/**
 * Creates the customer flow: number → check → open the desktop → join (asking for proxy
 * credentials) → handshake → consent → sharing (status, control requests, take back, end) →
 * end → number again, saying how the session ended. All logic is here; the {@link CustomerUi}
 * only asks and shows, so a terminal, native dialogs or a product's own windows behave alike.
 *
 * @param options - UI, relay, desktop
 * @returns the flow, not yet running
 * @throws {@link DesktopError} `DESKTOP_INVALID_ARGUMENT` without a UI, a relay URL or `openDesktop`
 *
 * @example
 * ```ts
 * const flow = createCustomerFlow({ ui: myDialogs, relayUrl: 'wss://support.example/relay', openDesktop: () => openX11Desktop() });
 * process.on('SIGTERM', () => flow.stop('guest-window-closed'));
 * await flow.run();
 * ```
 */
export function createCustomerFlow(options: CustomerFlowOptions): CustomerFlow {
  const { ui } = options;
  requireArgument(typeof ui?.askNumber === 'function', 'ui must implement CustomerUi');
  requireArgument(typeof options.relayUrl === 'string' && options.relayUrl !== '', 'relayUrl must be a URL');
  requireArgument(typeof options.openDesktop === 'function', 'openDesktop must be a function');
  requireArgument(options.join === undefined || typeof options.join === 'function', 'join must be a function');
  requireArgument(options.number === undefined || typeof options.number === 'string', 'number must be a string');
  const join = options.join ?? createGuestClient;
  const stopper = new AbortController();
  let stopReason: GuestEndReason | undefined;
  let current: DesktopSession | undefined;
  let lastEnded: CallEnded | undefined;

  const check = (typed: string): { number: string } | { notice: NumberNotice } => {
    try {
      return { number: parseSessionNumber(typed) };
    } catch (error) {
      return { notice: { kind: 'number-problem', problem: numberProblem(error) } };
    }
  };

  const connect = async (number: string): Promise<Joined> => {
    let windowClosed = false;
    const askProxyCredentials = async (request: ProxyAuthRequest): Promise<ProxyCredentials | null> => {
      const answer = await ui.askProxyCredentials(request, stopper.signal);
      if (answer === undefined) windowClosed = true;
      return answer ?? null;
    };
    ui.showProgress({ kind: 'connecting', relay: options.relayUrl });
    try {
      const channel = await join({
        ...options.connectOptions,
        url: options.relayUrl,
        number,
        onProxyAuth: askProxyCredentials,
      });
      return { channel };
    } catch (error) {
      return { notice: windowClosed ? undefined : { kind: 'join-problem', ...joinProblem(error) } };
    }
  };

  const runSession = async (channel: GuestChannel, desktop: Desktop): Promise<CallEnded> => {
    const session = startDesktopSession({ ...options.sessionOptions, channel, desktop });
    current = session;
    const endOnStop = () => void session.end(stopReason ?? 'guest-ended');
    stopper.signal.addEventListener('abort', endOnStop);
    try {
      if (stopper.signal.aborted) endOnStop();
      return await converseWithCustomer(session, ui, stopper.signal);
    } finally {
      stopper.signal.removeEventListener('abort', endOnStop);
      current = undefined;
    }
  };

  /** One attempt from a checked number: returns the notice for the next number dialog. */
  const attempt = async (number: string): Promise<NumberNotice | undefined> => {
    let desktop: Desktop;
    try {
      desktop = await options.openDesktop();
    } catch {
      return { kind: 'join-problem', problem: 'display' };
    }
    try {
      const joined = await connect(number);
      if (!('channel' in joined)) return joined.notice;
      if (stopReason !== undefined) {
        joined.channel.close(stopReason);
        return undefined;
      }
      lastEnded = await runSession(joined.channel, desktop);
      return { kind: 'ended', reason: lastEnded.reason };
    } finally {
      await desktop.close();
    }
  };

  return {
    async run() {
      let typed = options.number;
      let notice: NumberNotice | undefined;
      while (!stopper.signal.aborted) {
        typed ??= await ui.askNumber(notice, stopper.signal);
        if (typed === undefined || stopper.signal.aborted) return;
        const checked = check(typed);
        typed = undefined;
        notice = 'notice' in checked ? checked.notice : await attempt(checked.number);
      }
    },
    stop(reason) {
      if (stopReason !== undefined) return;
      stopReason = reason;
      stopper.abort();
    },
    get session() {
      return current;
    },
    get lastEnded() {
      return lastEnded;
    },
  };
}
