import type { Handle, Win32UiApi } from './user32-ui-api';
import { Layout, PM_REMOVE } from './win32-constants';

/** At most this many messages per tick, so a flood of messages cannot starve Node's event loop. */
const MAX_MESSAGES_PER_TICK = 256;

/**
 * Drains the thread's Win32 message queue on a short interval timer, so windows stay responsive
 * while Node's event loop keeps running. Messages for a dialog window go through
 * `IsDialogMessageW` first (Tab, Shift+Tab, Enter, Escape); the rest are translated and dispatched.
 */
export class MessagePump {
  readonly #api: Win32UiApi;
  readonly #dialogs: () => Iterable<Handle>;
  readonly #intervalMs: number;
  readonly #message = Buffer.alloc(Layout.MSG_SIZE);
  #timer: NodeJS.Timeout | undefined;

  /**
   * @param api - the bound Win32 functions
   * @param dialogs - the top-level windows whose keyboard navigation `IsDialogMessageW` handles
   * @param intervalMs - how often the queue is drained
   */
  constructor(api: Win32UiApi, dialogs: () => Iterable<Handle>, intervalMs: number) {
    this.#api = api;
    this.#dialogs = dialogs;
    this.#intervalMs = intervalMs;
  }

  /** Whether the timer runs. */
  get running(): boolean {
    return this.#timer !== undefined;
  }

  /** Starts draining (idempotent). The timer keeps the process alive while windows are open. */
  start(): void {
    this.#timer ??= setInterval(() => this.drain(), this.#intervalMs);
  }

  /** Stops draining (idempotent). */
  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Handles the messages waiting now. */
  drain(): void {
    const api = this.#api;
    const message = this.#message;
    for (let count = 0; count < MAX_MESSAGES_PER_TICK; count++) {
      if (!api.PeekMessageW(message, 0n, 0, 0, PM_REMOVE)) return;
      let handled = false;
      for (const dialog of this.#dialogs()) {
        if (api.IsDialogMessageW(dialog, message)) {
          handled = true;
          break;
        }
      }
      if (!handled) {
        api.TranslateMessage(message);
        api.DispatchMessageW(message);
      }
    }
  }
}
