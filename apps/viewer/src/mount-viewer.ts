import type { CreatedSession, ViewerConnectionFactory } from './connection/viewer-connection';
import type { ScreenDecoderFactory } from './decoder/screen-decoder';
import { ViewerError, ViewerErrorCode } from './errors';
import type { Lang } from './i18n/messages';
import { isLang, pickLanguage } from './i18n/translate';
import { attachInputCapture } from './input/input-capture';
import { checkMountOptions, connectionSettings } from './mount-options';
import { type CanvasRenderer, createCanvasRenderer } from './render/canvas-renderer';
import type { ScaleMode } from './render/viewport';
import { isControlOn, type ViewerState } from './state/viewer-state';
import type { ViewerStats } from './stats/stats-meter';
import { createViewerView } from './ui/viewer-view';
import { createViewerController, type ScreenSink } from './viewer-controller';

/** Options of {@link mountViewer}. */
export interface MountViewerOptions {
  /** WebSocket URL of the relay, e.g. `wss://support.example.com/relay`. */
  relayUrl: string;
  /** Returns the agent token; called for every new session. Keep tokens out of attributes and URLs. */
  getToken: () => string | Promise<string>;
  /**
   * UI language.
   * @default German when `navigator.language` starts with `de`, else English
   */
  lang?: Lang;
  /** Called after every state change (phase, number, code, control, end). */
  onStateChange?: (state: ViewerState) => void;
  /** Called when the agent switches the language in the viewer. */
  onLangChange?: (lang: Lang) => void;
  /**
   * Opens the connection for one session. Replace it to run the viewer over your own
   * transport, or with a fake in tests.
   * @default the relay connection over `@fernhilfe/transport`, `crypto` and `session`
   */
  connect?: ViewerConnectionFactory;
  /**
   * Creates the screen decoder for a session.
   * @default `createDecoder` of `@fernhilfe/codec`
   */
  createDecoder?: ScreenDecoderFactory;
  /** Largest remote screen width. @default 8192 */
  maxWidth?: number;
  /** Largest remote screen height. @default 8192 */
  maxHeight?: number;
  /** Largest remote screen area, width × height (the framebuffer takes 4 bytes per pixel). @default 33177600 (7680 × 4320) */
  maxPixels?: number;
  /** @default 'fit' */
  scaleMode?: ScaleMode;
  /**
   * Show the DE/EN switch in the viewer's toolbar (hide it when the host page has its own).
   * @default true
   */
  languageSwitch?: boolean;
}

/** The handle `mountViewer` returns. */
export interface ViewerHandle {
  /** Current state (a new object after each change). */
  readonly state: ViewerState;
  /** Frames/s, kbit/s, round-trip time and duration, computed now. */
  readonly stats: ViewerStats;
  /** Current UI language. */
  readonly lang: Lang;
  /**
   * Asks the relay for a session number and shows it.
   * @returns the session id, number and expiry
   * @throws {@link ViewerError} `VIEWER_TOKEN_UNAVAILABLE`, `VIEWER_TOKEN_REJECTED`, `VIEWER_RATE_LIMITED`, `VIEWER_RELAY_UNREACHABLE`, `VIEWER_INVALID_STATE`
   */
  createSession(): Promise<CreatedSession>;
  /**
   * Asks the customer for control.
   * @throws {@link ViewerError} `VIEWER_INVALID_STATE` when not live
   */
  requestControl(): void;
  /**
   * Gives control back.
   * @throws {@link ViewerError} `VIEWER_INVALID_STATE` when not live
   */
  releaseControl(): void;
  /** Ends the session (`agent-ended`); no-op when none runs. */
  end(): void;
  /** Switches the UI language. */
  setLang(lang: Lang): void;
  /** Switches between fit-to-window and 1:1. */
  setScaleMode(mode: ScaleMode): void;
  /** Ends a running session and removes the UI. */
  destroy(): void;
}

const STATS_REFRESH_MS = 500;

/** The renderer as the controller's screen; `pictureShown` hears of the first picture of a session and of its reset. */
function rendererScreen(renderer: CanvasRenderer, pictureShown: (shown: boolean) => void): ScreenSink {
  let shown = false;
  return {
    frame: (framebuffer, rects) => {
      renderer.frame(framebuffer, rects);
      if (!shown) {
        shown = true;
        pictureShown(true);
      }
    },
    cursor: (update) => renderer.cursor(update),
    reset: () => {
      shown = false;
      pictureShown(false);
      renderer.reset();
    },
  };
}

/**
 * Mounts the viewer into `element` (in a shadow root, styles isolated from the page).
 *
 * @param element - host element; must not have a shadow root yet (or an empty open one)
 * @param options - see {@link MountViewerOptions}
 * @returns the handle to drive the viewer from the page
 * @throws {@link ViewerError} `VIEWER_INVALID_OPTION` for a missing `relayUrl` or `getToken`, or an occupied element
 *
 * @example
 * ```ts
 * const viewer = mountViewer(document.querySelector('#remote')!, {
 *   relayUrl: 'wss://support.example.com/relay',
 *   getToken: () => fetch('/helpdesk/fernhilfe-token').then((r) => r.text()),
 *   onStateChange: (state) => console.log(state.phase),
 * });
 * const { sessionId, number } = await viewer.createSession();
 * ```
 */
export function mountViewer(element: HTMLElement, options: MountViewerOptions): ViewerHandle {
  checkMountOptions(element, options);
  const root = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
  let lang = pickLanguage(options.lang, [globalThis.navigator?.language ?? '']);
  let mode: ScaleMode = options.scaleMode ?? 'fit';
  let hasPicture = false;
  let destroyed = false;

  const view = createViewerView(
    root,
    {
      newSession: () => void handle.createSession().catch(() => {}),
      rejectSecurityCode: () => controller.rejectSecurityCode(),
      requestControl: () => controller.requestControl(),
      releaseControl: () => controller.releaseControl(),
      end: () => controller.end(),
      sendKeyCombo: (id) => controller.sendKeyCombo(id),
      setMode: (next) => handle.setScaleMode(next),
      setLang: (next) => {
        handle.setLang(next);
        options.onLangChange?.(next);
      },
    },
    options.languageSwitch ?? true,
  );
  const renderer = createCanvasRenderer(view.viewport);
  renderer.setMode(mode);

  const refresh = () => {
    if (destroyed) return;
    view.update({ state: controller.state, stats: controller.stats, lang, mode, now: Date.now(), hasPicture });
  };

  const controller = createViewerController({
    ...connectionSettings(options),
    now: () => Date.now(),
    screen: rendererScreen(renderer, (shown) => {
      hasPicture = shown;
      if (shown) refresh();
    }),
    onStateChange: (state) => {
      refresh();
      if (state.phase === 'live-control') renderer.canvas.focus({ preventScroll: true });
      options.onStateChange?.(state);
    },
  });

  const detachInput = attachInputCapture(renderer.canvas, {
    isControlOn: () => isControlOn(controller.state),
    remoteSize: () => ({ width: renderer.remoteWidth, height: renderer.remoteHeight }),
    sendPointer: (input) => controller.sendPointer(input),
    sendKey: (input) => controller.sendKey(input),
  });
  const timer = setInterval(refresh, STATS_REFRESH_MS);

  const handle: ViewerHandle = {
    get state() {
      return controller.state;
    },
    get stats() {
      return controller.stats;
    },
    get lang() {
      return lang;
    },
    createSession: () => controller.createSession(),
    requestControl: () => controller.requestControl(),
    releaseControl: () => controller.releaseControl(),
    end: () => controller.end(),
    setLang(next) {
      if (!isLang(next)) throw new ViewerError(ViewerErrorCode.INVALID_OPTION, `unsupported language ${String(next)}`);
      lang = next;
      refresh();
    },
    setScaleMode(next) {
      mode = next;
      renderer.setMode(next);
      refresh();
    },
    destroy() {
      if (destroyed) return;
      controller.destroy();
      destroyed = true;
      clearInterval(timer);
      detachInput();
      root.replaceChildren();
    },
  };
  refresh();
  return handle;
}
