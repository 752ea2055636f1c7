import type { EndReason } from './connection/end-reasons';
import type {
  CreatedSession,
  ViewerConnection,
  ViewerConnectionEvents,
  ViewerConnectionFactory,
} from './connection/viewer-connection';
import type { ScreenDecoder, ScreenDecoderFactory, ScreenDecoderLimits } from './decoder/screen-decoder';
import { toViewerError, ViewerError, ViewerErrorCode } from './errors';
import { type KeyComboId, keyComboSequence } from './input/key-combos';
import type { RemoteKeyInput, RemotePointerInput } from './input/remote-input';
import type { CursorUpdate, Framebuffer, Rect } from './render/framebuffer';
import {
  canEnd,
  INITIAL_VIEWER_STATE,
  isControlOn,
  isLive,
  reduceViewerState,
  type ViewerEvent,
  type ViewerState,
} from './state/viewer-state';
import { createStatsMeter, type ViewerStats } from './stats/stats-meter';

/** Where decoded pictures and cursor updates go (the canvas renderer in the browser). */
export interface ScreenSink {
  frame(framebuffer: Framebuffer, rects: readonly Rect[]): void;
  cursor(update: CursorUpdate): void;
  reset(): void;
}

/** What the controller needs; `mountViewer` fills it from its options. */
export interface ViewerControllerOptions {
  relayUrl: string;
  getToken: () => string | Promise<string>;
  connect: ViewerConnectionFactory;
  createDecoder: ScreenDecoderFactory;
  /** Largest remote screen accepted. */
  limits: ScreenDecoderLimits;
  screen: ScreenSink;
  /** Called after every state change. */
  onStateChange: (state: ViewerState) => void;
  /** Clock in ms since the epoch. */
  now: () => number;
}

/** The DOM-free core of the viewer: one session at a time, state, stats, decoding. */
export interface ViewerController {
  readonly state: ViewerState;
  readonly stats: ViewerStats;
  createSession(): Promise<CreatedSession>;
  requestControl(): void;
  releaseControl(): void;
  /** Ends the session as `agent-ended`. */
  end(): void;
  /** The agent heard a different code from the customer: ends as `security-code-mismatch`. */
  rejectSecurityCode(): void;
  /** Forwards pointer input while control is on; dropped otherwise. */
  sendPointer(input: RemotePointerInput): void;
  /** Forwards key input while control is on; dropped otherwise. */
  sendKey(input: RemoteKeyInput): void;
  /** Types a key combination the browser would swallow. */
  sendKeyCombo(id: KeyComboId): void;
  /** Ends a running session and stops reporting. */
  destroy(): void;
}

/**
 * @param options - see {@link ViewerControllerOptions}
 * @returns a controller in state `idle`
 */
export function createViewerController(options: ViewerControllerOptions): ViewerController {
  let state = INITIAL_VIEWER_STATE;
  let connection: ViewerConnection | undefined;
  let decoder: ScreenDecoder | undefined;
  let generation = 0;
  let destroyed = false;
  const meter = createStatsMeter();

  const dispatch = (event: ViewerEvent) => {
    const next = reduceViewerState(state, event);
    if (next === state || destroyed) return;
    state = next;
    options.onStateChange(state);
  };

  const fail = (error: ViewerError, endWith?: EndReason) => {
    dispatch({ type: 'error', code: error.code });
    if (endWith && canEnd(state)) {
      connection?.end(endWith);
      dispatch({ type: 'ended', reason: endWith, at: options.now() });
    }
  };

  const onScreenUpdate = (bytes: Uint8Array) => {
    if (!isLive(state)) return;
    try {
      decoder ??= options.createDecoder(options.limits);
      const result = decoder.decode(bytes);
      meter.frame(bytes.byteLength, options.now());
      options.screen.frame(decoder.framebuffer, result.rects);
    } catch (error) {
      fail(toViewerError(error, ViewerErrorCode.DECODE_FAILED), 'protocol-error');
    }
  };

  const eventsFor = (mine: number): ViewerConnectionEvents => {
    const current = () => mine === generation && !destroyed;
    return {
      paired: (info) =>
        current() &&
        dispatch(
          info.agentName !== undefined && info.org !== undefined
            ? { type: 'paired', shownAs: { agentName: info.agentName, org: info.org } }
            : { type: 'paired' },
        ),
      securityCode: (code) => current() && dispatch({ type: 'security-code', code }),
      consent: () => current() && dispatch({ type: 'consent', at: options.now() }),
      screenUpdate: (bytes) => current() && onScreenUpdate(bytes),
      cursor: (update) => current() && isLive(state) && options.screen.cursor(update),
      control: (change) => current() && dispatch({ type: 'control', change }),
      inputBlocked: (reason) => current() && dispatch({ type: 'input-blocked', reason }),
      rtt: (milliseconds) => current() && meter.rtt(milliseconds),
      ended: (reason) => current() && dispatch({ type: 'ended', reason, at: options.now() }),
      error: (error) => current() && fail(error),
    };
  };

  const requireLive = (action: string) => {
    if (!connection || !isLive(state)) {
      throw new ViewerError(ViewerErrorCode.INVALID_STATE, `${action} needs a live session (state ${state.phase})`);
    }
    return connection;
  };

  return {
    get state() {
      return state;
    },
    get stats() {
      return meter.snapshot(options.now(), state.liveSince, state.endedAt);
    },
    async createSession() {
      if (state.phase !== 'idle' && state.phase !== 'ended') {
        throw new ViewerError(ViewerErrorCode.INVALID_STATE, `a session is already running (state ${state.phase})`);
      }
      const mine = ++generation;
      decoder = undefined;
      meter.reset();
      options.screen.reset();
      dispatch({ type: 'create-started' });
      try {
        connection = options.connect({
          relayUrl: options.relayUrl,
          getToken: options.getToken,
          events: eventsFor(mine),
        });
        const session = await connection.createSession();
        if (mine === generation) dispatch({ type: 'created', session });
        return session;
      } catch (error) {
        const viewerError = toViewerError(error, ViewerErrorCode.RELAY_UNREACHABLE);
        if (mine === generation) dispatch({ type: 'create-failed', code: viewerError.code });
        throw viewerError;
      }
    },
    requestControl() {
      const live = requireLive('requestControl');
      if (state.phase === 'live-control' || state.controlRequested) return;
      dispatch({ type: 'control-requested' });
      live.requestControl();
    },
    releaseControl() {
      const live = requireLive('releaseControl');
      if (state.phase !== 'live-control') return;
      dispatch({ type: 'control-released' });
      live.releaseControl();
    },
    end() {
      if (!canEnd(state)) return;
      connection?.end('agent-ended');
      dispatch({ type: 'ended', reason: 'agent-ended', at: options.now() });
    },
    rejectSecurityCode() {
      if (state.phase !== 'awaiting-consent') return;
      connection?.end('security-code-mismatch');
      dispatch({ type: 'ended', reason: 'security-code-mismatch', at: options.now() });
    },
    sendPointer(input) {
      if (isControlOn(state)) connection?.sendPointer(input);
    },
    sendKey(input) {
      if (isControlOn(state)) connection?.sendKey(input);
    },
    sendKeyCombo(id) {
      if (!isControlOn(state)) return;
      for (const input of keyComboSequence(id)) connection?.sendKey(input);
    },
    destroy() {
      if (canEnd(state)) connection?.end('agent-ended');
      destroyed = true;
      generation++;
    },
  };
}
