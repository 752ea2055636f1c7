import type { SharingCommand, SharingStatus } from '@fernhilfe/desktop';
import type { Win32Ui, Win32Window } from '@fernhilfe/windows';
import { DialogLayout } from './dialog-layout';
import type { DialogTexts } from './dialog-text';

/** Width of the status window in device-independent pixels. */
export const STATUS_WINDOW_WIDTH = 320;

/** Clicks kept while nobody waits for them; more are dropped (a customer clicking wildly). */
const MAX_QUEUED = 4;

type StatusEvent = SharingCommand | 'closed';

/**
 * The small always-visible status window in the top-right corner while the screen is shared:
 * with whom, whether mouse and keyboard are allowed, **Kontrolle zurücknehmen** (only while
 * allowed) and **Beenden**. Clicks wait in a short queue until {@link StatusWindow.next} takes them.
 */
export class StatusWindow {
  readonly #ui: Win32Ui;
  readonly #texts: DialogTexts;
  #window: Win32Window | undefined;
  readonly #queue: StatusEvent[] = [];
  #waiter: ((event: StatusEvent) => void) | undefined;

  /**
   * @param ui - the UI layer
   * @param texts - the language's texts
   */
  constructor(ui: Win32Ui, texts: DialogTexts) {
    this.#ui = ui;
    this.#texts = texts;
  }

  /** Shows the status, or updates the open window in place. */
  show(status: SharingStatus): void {
    const texts = this.#texts;
    const window = this.#openOrClear();
    const layout = new DialogLayout(window, STATUS_WINDOW_WIDTH);
    layout.text(texts.sharingWith(status.agentName, status.org), 'bold');
    layout.text(status.controlGranted ? texts.controlOn : texts.controlOff);
    const end = { text: texts.end, width: 90, onClick: () => this.#push('end') };
    const takeBack = { text: texts.takeBack, width: 170, onClick: () => this.#push('take-back') };
    layout.buttons(status.controlGranted ? [takeBack, end] : [end]);
    layout.finish();
  }

  /**
   * The customer's next action.
   *
   * @param signal - aborted when the session ended: the window closes
   * @returns the action, or `undefined` when the window was closed (or is not open)
   */
  next(signal: AbortSignal): Promise<SharingCommand | undefined> {
    const queued = this.#queue.shift();
    if (queued !== undefined) return Promise.resolve(queued === 'closed' ? undefined : queued);
    if (signal.aborted || this.#window === undefined) {
      if (signal.aborted) this.close();
      return Promise.resolve(undefined);
    }
    return new Promise((resolve) => {
      const onAbort = () => {
        this.#waiter = undefined;
        this.close();
        resolve(undefined);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.#waiter = (event) => {
        signal.removeEventListener('abort', onAbort);
        resolve(event === 'closed' ? undefined : event);
      };
    });
  }

  /** Closes the window (sharing is over); forgets queued clicks. */
  close(): void {
    this.#queue.length = 0;
    this.#window?.close();
    this.#window = undefined;
  }

  #push(event: StatusEvent): void {
    const waiter = this.#waiter;
    if (waiter) {
      this.#waiter = undefined;
      waiter(event);
    } else if (this.#queue.length < MAX_QUEUED) {
      this.#queue.push(event);
    }
  }

  #openOrClear(): Win32Window {
    if (this.#window && !this.#window.closed) {
      this.#window.clearControls();
      return this.#window;
    }
    this.#queue.length = 0;
    const window = this.#ui.openWindow({
      title: this.#texts.statusTitle,
      width: STATUS_WINDOW_WIDTH,
      height: 100,
      placement: 'top-right',
      topmost: true,
      onClose: () => {
        if (this.#window === window) this.#window = undefined;
        this.#push('closed');
      },
    });
    this.#window = window;
    return window;
  }
}
