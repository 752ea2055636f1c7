import type { Win32Ui, Win32Window } from '@fernhilfe/windows';
import { DialogLayout } from './dialog-layout';

/** Builds one question into a dialog window; `answer` resolves it. */
export type QuestionBuilder<T> = (layout: DialogLayout, answer: (value: T) => void) => void;

/**
 * One dialog window that shows a sequence of contents (the number field, progress, a
 * question): each replaces the previous one in the same window, which is opened when needed.
 * Closing the window answers the open question with `undefined`; closing it while no question
 * is open (during progress) answers the next question with `undefined` at once.
 */
export class DialogWindow {
  readonly #ui: Win32Ui;
  readonly #title: string;
  readonly #topmost: boolean;
  #window: Win32Window | undefined;
  #onClose: (() => void) | undefined;
  #closedWhileIdle = false;

  /**
   * @param ui - the UI layer
   * @param title - the window's title
   * @param topmost - whether it stays above other windows
   */
  constructor(ui: Win32Ui, title: string, topmost = false) {
    this.#ui = ui;
    this.#title = title;
    this.#topmost = topmost;
  }

  /**
   * Shows content that asks nothing (progress). Not shown again after the customer closed the
   * window during progress: the next question answers for that.
   *
   * @param width - client width in device-independent pixels
   * @param build - adds the controls
   */
  show(width: number, build: (layout: DialogLayout) => void): void {
    if (this.#closedWhileIdle) return;
    const layout = new DialogLayout(this.#begin(width), width);
    this.#onClose = () => {
      this.#closedWhileIdle = true;
    };
    build(layout);
    layout.finish();
  }

  /**
   * Shows a question and waits for its answer.
   *
   * @param width - client width in device-independent pixels
   * @param signal - aborted: the window closes and the answer is `undefined`
   * @param build - adds the controls and calls `answer`
   * @returns the answer, or `undefined` when the window was closed or the signal aborted
   */
  ask<T>(width: number, signal: AbortSignal, build: QuestionBuilder<T>): Promise<T | undefined> {
    if (signal.aborted) return Promise.resolve(undefined);
    if (this.#closedWhileIdle) {
      this.#closedWhileIdle = false;
      return Promise.resolve(undefined);
    }
    return new Promise((resolve) => {
      let settled = false;
      const settle = (value: T | undefined) => {
        if (settled) return;
        settled = true;
        this.#onClose = () => {
          this.#closedWhileIdle = true;
        };
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      };
      const onAbort = () => {
        this.close();
        settle(undefined);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      const layout = new DialogLayout(this.#begin(width), width);
      this.#onClose = () => settle(undefined);
      build(layout, settle);
      layout.finish();
    });
  }

  /** Closes the window (not reported as the customer's closing). */
  close(): void {
    this.#onClose = undefined;
    this.#closedWhileIdle = false;
    this.#window?.close();
    this.#window = undefined;
  }

  /** An open, empty window: the current one cleared, or a new one. */
  #begin(width: number): Win32Window {
    if (this.#window && !this.#window.closed) {
      this.#window.clearControls();
      return this.#window;
    }
    this.#window = this.#ui.openWindow({
      title: this.#title,
      width,
      height: 100,
      topmost: this.#topmost,
      onClose: () => {
        this.#window = undefined;
        this.#onClose?.();
      },
    });
    return this.#window;
  }
}
