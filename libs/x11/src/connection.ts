import type { XCallback, XClient, XDisplay, XError, XEvent, XScreen } from 'x11';
import { X11Error, X11ErrorCode } from './errors';

/** Converts an error from the `x11` package into a {@link X11Error}. */
export function x11Failure(what: string, cause: unknown): X11Error {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new X11Error(X11ErrorCode.REQUEST_FAILED, `${what} failed: ${detail}`, { cause });
}

/**
 * One open connection to an X server (screen 0). Wraps the callback API of the `x11`
 * package in promises that settle exactly once, even when the connection drops.
 */
export class X11Connection {
  /** The display name this connection was opened with, e.g. `:0`. */
  readonly displayName: string;
  /** @internal Setup data the server sent: screens, keycode range, pixel formats. */
  readonly display: XDisplay;
  /** @internal The request interface of the `x11` package. */
  readonly client: XClient;
  /** @internal Screen 0, the one that is shared. */
  readonly screen: XScreen;
  readonly #pending = new Set<(error: X11Error) => void>();
  readonly #lostListeners = new Set<(error: X11Error) => void>();
  readonly #asyncErrorListeners = new Set<(error: X11Error) => void>();
  #lostError: X11Error | undefined;
  #closed = false;

  /**
   * Use {@link connectDisplay}.
   *
   * @internal
   * @param displayName - the display name that was connected to
   * @param display - the setup data from `x11.createClient`
   */
  constructor(displayName: string, display: XDisplay) {
    const screen = display.screen[0];
    if (screen === undefined) throw new X11Error(X11ErrorCode.DISPLAY_UNAVAILABLE, 'the X server has no screen');
    this.displayName = displayName;
    this.display = display;
    this.client = display.client;
    this.screen = screen;
    const onGone = () => this.#markLost(new X11Error(X11ErrorCode.DISPLAY_LOST, `connection to ${displayName} ended`));
    this.client.on('end', onGone);
    this.client.on('close', onGone);
    this.client.on('error', (error: XError) => {
      const failure = x11Failure('an X request without reply', error);
      for (const listener of this.#asyncErrorListeners) listener(failure);
    });
  }

  /** Root window of screen 0. */
  get root(): number {
    return this.screen.root;
  }

  /** Width of screen 0 in pixels. */
  get width(): number {
    return this.screen.pixel_width;
  }

  /** Height of screen 0 in pixels. */
  get height(): number {
    return this.screen.pixel_height;
  }

  /** True once the connection was closed or lost. */
  get isOpen(): boolean {
    return !this.#closed && this.#lostError === undefined;
  }

  /**
   * @internal
   * Issues one request with a reply and waits for it.
   *
   * @param what - name of the request, for error messages
   * @param issue - sends the request, passing the given callback to the `x11` package
   * @param onReply - runs synchronously when the reply is parsed, before any later event
   *   from the same socket read is dispatched (promise continuations run too late for that)
   * @returns the reply
   * @throws {@link X11Error} `X11_REQUEST_FAILED` when the server answers with an
   *   error; `X11_DISPLAY_LOST` or `X11_CLOSED` when the connection is gone
   */
  request<T>(what: string, issue: (callback: XCallback<T>) => void, onReply?: (reply: T) => void): Promise<T> {
    this.assertOpen();
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const fail = (error: X11Error) => {
        if (settled) return;
        settled = true;
        this.#pending.delete(fail);
        reject(error);
      };
      this.#pending.add(fail);
      try {
        issue((err, result) => {
          if (settled) return true;
          if (err) {
            fail(x11Failure(what, err));
            return true;
          }
          settled = true;
          this.#pending.delete(fail);
          try {
            onReply?.(result);
          } catch (error) {
            reject(error);
            return true;
          }
          resolve(result);
          return true;
        });
      } catch (error) {
        fail(x11Failure(what, error));
      }
    });
  }

  /**
   * Round trip: resolves once the server has processed every request sent so far, so any
   * events those requests caused have been delivered.
   *
   * @throws {@link X11Error} `X11_DISPLAY_LOST` / `X11_CLOSED` when the connection is gone
   */
  async sync(): Promise<void> {
    await this.request<undefined>('sync', (callback) => this.client.sync((err) => callback(err, undefined)));
  }

  /**
   * @internal
   * Adds a listener for X events.
   *
   * @param listener - called with every event the connection receives
   * @returns a function that removes the listener
   */
  onEvent(listener: (event: XEvent) => void): () => void {
    this.client.on('event', listener);
    return () => {
      this.client.removeListener('event', listener);
    };
  }

  /**
   * Adds a listener for X errors caused by requests that have no reply (fake input,
   * damage subtraction): the server reports those asynchronously.
   *
   * @param listener - called with each such error
   * @returns a function that removes the listener
   */
  onAsyncError(listener: (error: X11Error) => void): () => void {
    this.#asyncErrorListeners.add(listener);
    return () => {
      this.#asyncErrorListeners.delete(listener);
    };
  }

  /**
   * Adds a listener for the connection ending without {@link X11Connection.close}.
   *
   * @param listener - called once with a `X11_DISPLAY_LOST` error
   * @returns a function that removes the listener
   */
  onLost(listener: (error: X11Error) => void): () => void {
    this.#lostListeners.add(listener);
    return () => {
      this.#lostListeners.delete(listener);
    };
  }

  /**
   * Throws unless the connection is open.
   *
   * @throws {@link X11Error} `X11_CLOSED` after close, `X11_DISPLAY_LOST` after a drop
   */
  assertOpen(): void {
    if (this.#closed) throw new X11Error(X11ErrorCode.CLOSED, 'the X connection was closed');
    if (this.#lostError !== undefined) throw this.#lostError;
  }

  /** Flushes outstanding requests and closes the connection. Safe to call twice. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#rejectPending(new X11Error(X11ErrorCode.CLOSED, 'the X connection was closed'));
    if (this.#lostError !== undefined) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.client.terminate();
        resolve();
      }, 2000);
      this.client.close(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  #markLost(error: X11Error): void {
    if (this.#lostError !== undefined) return;
    this.#lostError = error;
    this.#rejectPending(error);
    if (this.#closed) return;
    for (const listener of this.#lostListeners) listener(error);
  }

  #rejectPending(error: X11Error): void {
    for (const fail of [...this.#pending]) fail(error);
  }
}
