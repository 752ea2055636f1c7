import {
  attachCall,
  type CallEnded,
  createGuestCall,
  type GuestCall,
  type GuestCallEvents,
  type Unsubscribe,
} from '@fernhilfe/call';
import type { EndReason, LifecycleTimeouts } from '@fernhilfe/session';
import type { GuestChannel, PeerInfo } from '@fernhilfe/transport';
import { reportDecisions } from './decision-reports';
import type { Desktop } from './desktop';
import { requireArgument } from './errors';
import { createFramePump, type FrameCost } from './frame-pump';
import { createInputApplier } from './input-applier';

/** How the customer's side ends a session. */
export type GuestEndReason = Extract<EndReason, 'guest-ended' | 'guest-window-closed'>;

/** Options of {@link startDesktopSession}. */
export interface DesktopSessionOptions {
  /**
   * The relay channel, just paired (from `createGuestClient`). The customer's consent and control
   * decisions are reported on it for the relay's audit log (failures are ignored).
   */
  channel: GuestChannel;
  /** The open desktop to share; its size and `features.input` decide the screen and `canControl`. */
  desktop: Desktop;
  /**
   * How often screen changes and the pointer are checked while streaming, in ms (1 to 60 000).
   * @default 40
   */
  pollIntervalMs?: number;
  /**
   * Most screen updates sent but not yet acknowledged.
   * @default 2
   */
  maxFramesInFlight?: number;
  /** Lifecycle timeouts of the call (consent: 2 minutes by default). */
  timeouts?: LifecycleTimeouts;
  /**
   * Use the desktop's change notices and hints (X DAMAGE) for change detection (off only for measurements).
   * @default true
   */
  useDamage?: boolean;
  /** Called with the cost of every frame sent (statistics, benchmark). */
  onFrame?: (cost: FrameCost) => void;
}

/** A support session sharing a desktop: the call, the screen stream and input, wired to the relay channel. */
export interface DesktopSession {
  /** The agent's organisation and name as the relay vouches for them, and the session id. */
  readonly peer: PeerInfo;
  /** The support call (state, security code, statistics). */
  readonly call: GuestCall;
  /** Resolves once when the session ended (never rejects); the channel is closed by then. */
  readonly ended: Promise<CallEnded>;
  /**
   * Subscribes to a call event: `security-code`, `control-requested`, `control`, `state`,
   * `input-refused`, `ended`, ….
   *
   * @param name - the event
   * @param listener - called with its value
   * @returns a function that unsubscribes
   */
  on<Name extends keyof GuestCallEvents>(name: Name, listener: (value: GuestCallEvents[Name]) => void): Unsubscribe;
  /** The customer said "Ja" to the security code: streaming starts. Nothing is captured before. */
  confirm(): Promise<void>;
  /** The customer said "Nein": the session ends as `consent-refused`. */
  refuse(): Promise<CallEnded>;
  /**
   * Answers the agent's pending control request.
   *
   * @param granted - `true` for "Ja"
   */
  answerControlRequest(granted: boolean): Promise<void>;
  /** The customer takes mouse and keyboard back. */
  revokeControl(): Promise<void>;
  /**
   * Ends the session from the customer's side with an authenticated end message, then closes
   * the relay channel.
   *
   * @param reason - `guest-ended` (Beenden, Ctrl+C) or `guest-window-closed` (window or process closed)
   * @returns how it ended (the first end wins if the other side was quicker)
   */
  end(reason: GuestEndReason): Promise<CallEnded>;
  /** Frames sent so far. */
  readonly frames: number;
  /** Input events dropped because the desktop could not apply them. */
  readonly inputDropped: number;
}

/** Time given to the relay to close the connection after the agent ended, before the guest closes it. */
const RELAY_CLOSE_GRACE_MS = 2_000;

/**
 * Starts the guest's side of a support session on a paired channel: runs the handshake, then
 * waits for the customer's answer to the security code (`security-code` event →
 * {@link DesktopSession.confirm} / {@link DesktopSession.refuse}). After consent the screen is
 * captured only when the call has room to send; input from the viewer is applied only while
 * control is granted, and every key and button is released when control ends.
 *
 * @param options - channel, desktop, timing
 * @returns the running session
 * @throws {@link DesktopError} `DESKTOP_INVALID_ARGUMENT` for a missing channel or desktop or a poll
 *   interval outside 1–60 000 ms; `SessionError` (from `@fernhilfe/session`) `SESSION_INVALID_ARGUMENT`
 *   for bad call options
 *
 * @example
 * ```ts
 * const channel = await createGuestClient({ url, number });
 * const session = startDesktopSession({ channel, desktop });
 * session.on('security-code', async (code) => ((await ask(code)) ? session.confirm() : session.refuse()));
 * await session.ended;
 * ```
 */
export function startDesktopSession(options: DesktopSessionOptions): DesktopSession {
  const { channel, desktop } = options;
  requireArgument(typeof channel?.onMessage === 'function', 'channel must be a paired GuestChannel');
  requireArgument(typeof desktop?.capture === 'function', 'desktop must implement Desktop');
  const poll = options.pollIntervalMs;
  requireArgument(
    poll === undefined || (Number.isFinite(poll) && poll >= 1 && poll <= 60_000),
    'pollIntervalMs must be 1 to 60000',
  );
  const { call, closed: ended } = attachCall(
    'guest',
    channel,
    (send) =>
      createGuestCall({
        sessionId: channel.peer.sessionId,
        screen: { width: desktop.width, height: desktop.height },
        canControl: desktop.features.input,
        send,
        ...(options.maxFramesInFlight === undefined ? {} : { maxFramesInFlight: options.maxFramesInFlight }),
        ...(options.timeouts === undefined ? {} : { timeouts: options.timeouts }),
      }),
    { closeGraceMs: RELAY_CLOSE_GRACE_MS },
  );
  const input = createInputApplier(desktop);
  const pump = createFramePump(call, desktop, {
    ...(options.pollIntervalMs === undefined ? {} : { pollIntervalMs: options.pollIntervalMs }),
    ...(options.onFrame === undefined ? {} : { onFrame: options.onFrame }),
    ...(options.useDamage === undefined ? {} : { useDamage: options.useDamage }),
    onError: () => void call.end('guest-ended'),
  });

  const stopWatchingDisplay = desktop.onDisplayLost(() => void call.end('guest-ended'));
  // The agent is told when Windows refuses injected input (elevated window, secure desktop).
  const stopWatchingInput = desktop.onInputBlocked(
    (reason) => void call.reportInputBlocked(reason).catch(() => undefined),
  );
  const decisions = reportDecisions(call, channel);

  call.on('input', (event) => input.apply(event));
  call.on('control', (granted) => {
    if (!granted) input.releaseAll();
  });
  call.on('ended', () => {
    pump.stop();
    input.releaseAll();
    stopWatchingDisplay();
    stopWatchingInput();
  });
  call.start();

  return {
    peer: channel.peer,
    call,
    ended,
    on: (name, listener) => call.on(name, listener),
    async confirm() {
      await call.confirm();
      // The call may have ended while the consent was on its way; then there is nothing to pump.
      if (call.state === 'active-view' || call.state === 'active-control') pump.start();
    },
    async refuse() {
      await call.refuse();
      return ended;
    },
    async answerControlRequest(granted) {
      await call.answerControlRequest(granted);
      if (!call.controlGranted) decisions.controlRefused();
    },
    revokeControl: () => call.revokeControl(),
    async end(reason) {
      await call.end(reason);
      return ended;
    },
    get frames() {
      return pump.frames;
    },
    get inputDropped() {
      return input.dropped;
    },
  };
}
