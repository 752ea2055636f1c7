import type { ScreenFrame } from '@fernhilfe/desktop';
import { createGetImageCapture } from './capture-getimage';
import { createShmCapture } from './capture-shm';
import type { X11Connection } from './connection';
import { X11Error, X11ErrorCode } from './errors';
import type { CaptureBackend, CaptureBackendName } from './frame';

/** Which capture path to use: `auto` tries MIT-SHM and falls back to core GetImage. */
export type CaptureBackendChoice = CaptureBackendName | 'auto';

/** Callbacks around one capture request, see {@link ScreenCapture.capture}. */
export interface CaptureHooks {
  /** Runs right before the request is sent. */
  beforeRequest?: () => void;
  /** Runs synchronously when the reply is parsed, before any event that followed it. */
  onReply?: () => void;
}

/**
 * Full-screen capture on demand. Nothing is read from the screen except inside
 * {@link ScreenCapture.capture}; {@link ScreenCapture.captureCount} counts those reads so
 * tests can prove that no capture happened (e.g. before consent).
 */
export class ScreenCapture {
  #count = 0;
  #queue: Promise<unknown> = Promise.resolve();
  #closed = false;

  readonly #backend: CaptureBackend;

  /** @param backend - the request path that reads the screen */
  constructor(backend: CaptureBackend) {
    this.#backend = backend;
  }

  /** Which request path reads the screen. */
  get backendName(): CaptureBackendName {
    return this.#backend.name;
  }

  /** How many captures were started since creation. */
  get captureCount(): number {
    return this.#count;
  }

  /**
   * Reads the whole screen. Calls are served one after another.
   *
   * @param hooks - `beforeRequest` runs right before the capture request is sent (after earlier
   *   captures finished); `onReply` runs synchronously when its reply arrives, before later events
   * @returns the frame (see {@link ScreenFrame.data} for how long its bytes stay valid)
   * @throws {@link X11Error} `X11_CLOSED` after {@link ScreenCapture.close};
   *   `X11_REQUEST_FAILED` / `X11_DISPLAY_LOST` when the server fails
   */
  capture(hooks: CaptureHooks = {}): Promise<ScreenFrame> {
    if (this.#closed) return Promise.reject(new X11Error(X11ErrorCode.CLOSED, 'the screen capture was closed'));
    const next = this.#queue.then(
      () => this.#captureNow(hooks),
      () => this.#captureNow(hooks),
    );
    this.#queue = next;
    return next;
  }

  /** Releases the backend's server-side resources. Safe to call twice. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#queue.catch(() => undefined);
    await this.#backend.close();
  }

  #captureNow(hooks: CaptureHooks): Promise<ScreenFrame> {
    if (this.#closed) return Promise.reject(new X11Error(X11ErrorCode.CLOSED, 'the screen capture was closed'));
    this.#count += 1;
    hooks.beforeRequest?.();
    return this.#backend.capture(hooks.onReply);
  }
}

/**
 * Creates a full-screen capture on a connection.
 *
 * @param connection - an open connection
 * @param choice - request path; `auto` uses MIT-SHM when it attaches, else core GetImage
 * @default choice `auto`
 * @returns the capture; no screen content has been read yet
 * @throws {@link X11Error} `X11_EXTENSION_MISSING` when `shm` is demanded but unusable;
 *   `X11_UNSUPPORTED_PIXEL_FORMAT` unless the screen is BGRX
 */
export async function createScreenCapture(
  connection: X11Connection,
  choice: CaptureBackendChoice = 'auto',
): Promise<ScreenCapture> {
  if (choice === 'getimage') return new ScreenCapture(createGetImageCapture(connection));
  if (choice === 'shm') return new ScreenCapture(await createShmCapture(connection));
  try {
    return new ScreenCapture(await createShmCapture(connection));
  } catch (error) {
    if (error instanceof X11Error && error.code === X11ErrorCode.EXTENSION_MISSING) {
      return new ScreenCapture(createGetImageCapture(connection));
    }
    throw error;
  }
}
