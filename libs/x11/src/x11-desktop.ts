import type {
  CapturedFrame,
  CursorImage,
  Desktop,
  DesktopFeatures,
  InputBlockedReason,
  PointerPosition,
  Rect,
} from '@fernhilfe/desktop';
import { type ConnectDisplayOptions, connectDisplay } from './connect';
import type { X11Connection } from './connection';
import { type CursorTracker, createCursorTracker } from './cursor';
import { createDamageTracker, type DamageTracker } from './damage';
import { X11Error, X11ErrorCode } from './errors';
import { requireExtension } from './extensions';
import type { CaptureBackendName } from './frame';
import { createKeyboardInjector, type KeyboardInjector } from './input-keyboard';
import { PointerInjector } from './input-pointer';
import { type CaptureBackendChoice, createScreenCapture, type ScreenCapture } from './screen-capture';

/** Options of {@link openX11Desktop}. */
export interface OpenX11DesktopOptions extends ConnectDisplayOptions {
  /**
   * Capture path.
   * @default 'auto' (MIT-SHM, else core GetImage)
   */
  capture?: CaptureBackendChoice;
  /**
   * Most damage rectangles per frame before they collapse into a bounding box.
   * @default 256
   */
  maxDamageRects?: number;
}

/** What the X server offers; a session degrades feature by feature. */
export interface X11Features extends DesktopFeatures {
  /** Capture path in use: `shm` (MIT-SHM) or `getimage` (core request, slower). */
  capture: CaptureBackendName;
  /** DAMAGE present: frames carry changed rectangles as encoder hints. */
  damage: boolean;
  /** XFIXES present: cursor image and shape changes are available. */
  cursor: boolean;
  /** XTEST present: remote control is possible; without it the session is view only. */
  input: boolean;
}

/**
 * The X11 desktop (screen 0 of a display) as a guest shares it: capture with DAMAGE hints,
 * the XFIXES cursor, and XTEST input. Nothing is captured until {@link X11Desktop.capture}
 * is called. Open one with {@link openX11Desktop}.
 */
export class X11Desktop implements Desktop {
  /** Pointer injection; `undefined` without XTEST. */
  readonly pointer: PointerInjector | undefined;
  /** Keyboard injection; `undefined` without XTEST. */
  readonly keyboard: KeyboardInjector | undefined;
  /** @internal The X connection (for tests and diagnostics). */
  readonly connection: X11Connection;
  readonly #screenCapture: ScreenCapture;
  readonly #damage: DamageTracker | undefined;
  readonly #cursor: CursorTracker | undefined;
  #closed = false;

  /**
   * Use {@link openX11Desktop}.
   *
   * @internal
   * @param connection - the open connection
   * @param screenCapture - the capture
   * @param damage - the damage tracker, if DAMAGE is present
   * @param cursor - the cursor tracker, if XFIXES is present
   * @param pointer - the pointer injector, if XTEST is present
   * @param keyboard - the keyboard injector, if XTEST is present
   */
  constructor(
    connection: X11Connection,
    screenCapture: ScreenCapture,
    damage: DamageTracker | undefined,
    cursor: CursorTracker | undefined,
    pointer: PointerInjector | undefined,
    keyboard: KeyboardInjector | undefined,
  ) {
    this.connection = connection;
    this.#screenCapture = screenCapture;
    this.#damage = damage;
    this.#cursor = cursor;
    this.pointer = pointer;
    this.keyboard = keyboard;
  }

  /** Screen width in pixels. */
  get width(): number {
    return this.connection.width;
  }

  /** Screen height in pixels. */
  get height(): number {
    return this.connection.height;
  }

  /** Which X extensions are in use. */
  get features(): X11Features {
    return {
      capture: this.#screenCapture.backendName,
      damage: this.#damage !== undefined,
      cursor: this.#cursor !== undefined,
      input: this.pointer !== undefined,
    };
  }

  /** How many screen captures were made: 0 until the first {@link X11Desktop.capture}. */
  get captureCount(): number {
    return this.#screenCapture.captureCount;
  }

  /**
   * Captures the whole screen with the rectangles changed since the previous capture.
   *
   * @returns the frame and its damage hints (`undefined` without DAMAGE)
   * @throws {@link X11Error} `X11_CLOSED`, `X11_DISPLAY_LOST`, `X11_REQUEST_FAILED`
   */
  async capture(): Promise<CapturedFrame> {
    const damage = this.#damage;
    let changed: Rect[] | undefined;
    const frame = await this.#screenCapture.capture({
      beforeRequest: () => damage?.rearm(),
      onReply: () => {
        changed = damage?.take();
      },
    });
    return { frame, hints: { damage: changed } };
  }

  /**
   * The cursor image if its shape changed since the last call (the first call always
   * returns it), else `null`; always `null` without XFIXES.
   *
   * @returns the new image or `null`
   * @throws {@link X11Error} `X11_REQUEST_FAILED` / `X11_DISPLAY_LOST`
   */
  async takeCursorChange(): Promise<CursorImage | null> {
    return this.#cursor === undefined ? null : this.#cursor.takeChangedImage();
  }

  /**
   * Reads the pointer position (core QueryPointer; needs no extension).
   *
   * @returns root-window coordinates
   * @throws {@link X11Error} `X11_REQUEST_FAILED` / `X11_DISPLAY_LOST`
   */
  async pointerPosition(): Promise<PointerPosition> {
    const reply = await this.connection.request<{ rootX: number; rootY: number }>('QueryPointer', (callback) =>
      this.connection.client.QueryPointer(this.connection.root, callback),
    );
    return { x: reply.rootX, y: reply.rootY };
  }

  /**
   * Adds a listener for DAMAGE notifications: something on screen changed since the last
   * capture. Without DAMAGE the listener is never called.
   *
   * @param listener - called for each notification (possibly often)
   * @returns a function that removes the listener
   */
  onScreenChange(listener: () => void): () => void {
    return this.#damage?.onChange(listener) ?? (() => undefined);
  }

  /**
   * Adds a listener for the X server going away during the session (X server stopped,
   * user logged out). Requests fail with `X11_DISPLAY_LOST` from then on.
   *
   * @param listener - called once with the `X11_DISPLAY_LOST` error
   * @returns a function that removes the listener
   */
  onDisplayLost(listener: (error: X11Error) => void): () => void {
    return this.connection.onLost(listener);
  }

  /**
   * X never refuses injected input the way Windows does for elevated windows: the listener is
   * never called. Input the server rejects is reported by {@link X11Desktop.onServerError}.
   *
   * @param _listener - never called
   * @returns a function that does nothing
   */
  onInputBlocked(_listener: (reason: InputBlockedReason) => void): () => void {
    return () => undefined;
  }

  /**
   * Adds a listener for errors the X server reports for requests without a reply, such as
   * injected input it rejected. They do not end the session.
   *
   * @param listener - called with each error (`X11_REQUEST_FAILED`)
   * @returns a function that removes the listener
   */
  onServerError(listener: (error: X11Error) => void): () => void {
    return this.connection.onAsyncError(listener);
  }

  /**
   * Releases every key and button held through this desktop, e.g. when control is revoked or
   * the session ends. Never throws.
   */
  releaseAll(): void {
    this.keyboard?.releaseAll();
    this.pointer?.releaseAll();
  }

  /**
   * Waits until the server has processed all injected input and other requests.
   *
   * @throws {@link X11Error} `X11_CLOSED` / `X11_DISPLAY_LOST`
   */
  async sync(): Promise<void> {
    await this.connection.sync();
  }

  /** Releases held input, frees server resources and closes the connection. Safe to call twice. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.releaseAll();
    this.keyboard?.close();
    this.#damage?.close();
    this.#cursor?.close();
    await this.#screenCapture.close().catch(() => undefined);
    await this.connection.close();
  }
}

async function optional<T>(create: () => Promise<T>): Promise<T | undefined> {
  try {
    return await create();
  } catch (error) {
    if (error instanceof X11Error && error.code === X11ErrorCode.EXTENSION_MISSING) return undefined;
    throw error;
  }
}

/**
 * Connects to an X display and prepares capture, damage, cursor and input. Missing
 * optional extensions are reported in {@link X11Desktop.features} instead of failing:
 * no MIT-SHM → GetImage capture, no DAMAGE → no hints, no XFIXES → no cursor image,
 * no XTEST → view only.
 *
 * @param options - display, timeout and capture choice
 * @returns the desktop; nothing has been captured yet
 * @throws {@link X11Error} `X11_DISPLAY_INVALID`, `X11_DISPLAY_UNAVAILABLE`,
 *   `X11_UNSUPPORTED_PIXEL_FORMAT`, or `X11_EXTENSION_MISSING` when `capture: 'shm'`
 *   is demanded but unusable
 */
export async function openX11Desktop(options: OpenX11DesktopOptions = {}): Promise<X11Desktop> {
  const connection = await connectDisplay(options);
  try {
    const screenCapture = await createScreenCapture(connection, options.capture ?? 'auto');
    const damageOptions = options.maxDamageRects === undefined ? {} : { maxRects: options.maxDamageRects };
    const damage = await optional(() => createDamageTracker(connection, damageOptions));
    const cursor = await optional(() => createCursorTracker(connection));
    const xtest = await optional(() => requireExtension(connection, 'xtest'));
    const pointer = xtest === undefined ? undefined : new PointerInjector(connection, xtest);
    const keyboard = xtest === undefined ? undefined : await createKeyboardInjector(connection, xtest);
    return new X11Desktop(connection, screenCapture, damage, cursor, pointer, keyboard);
  } catch (error) {
    await connection.close();
    throw error;
  }
}
