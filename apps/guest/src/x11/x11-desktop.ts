import { GuestError, GuestErrorCode } from '../errors';
import { type ConnectDisplayOptions, connectDisplay } from './connect';
import type { X11Connection } from './connection';
import { type CursorImage, type CursorTracker, createCursorTracker, type PointerPosition } from './cursor';
import { createDamageTracker, type DamageTracker } from './damage';
import { requireExtension } from './extensions';
import type { CaptureBackendName, Rect, ScreenFrame } from './frame';
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

/** What the X server offers; the guest degrades feature by feature. */
export interface X11Features {
  /** Capture path in use: `shm` (MIT-SHM) or `getimage` (core request, slower). */
  capture: CaptureBackendName;
  /** DAMAGE present: frames carry changed rectangles as encoder hints. */
  damage: boolean;
  /** XFIXES present: cursor image and shape changes are available. */
  cursor: boolean;
  /** XTEST present: remote control is possible; without it the session is view only. */
  input: boolean;
}

/** Encoder hints for one frame. */
export interface FrameHints {
  /**
   * Screen rectangles that changed since the previous frame, or `undefined` when unknown
   * (no DAMAGE extension): then the encoder must compare the whole frame.
   */
  damage: Rect[] | undefined;
}

/** A captured frame with the hints that belong to it. */
export interface CapturedFrame {
  /** The screen image. */
  frame: ScreenFrame;
  /** What changed since the previous frame. */
  hints: FrameHints;
}

/**
 * The X11 desktop as the Node guest sees it: capture with damage hints, cursor, and input
 * injection. Nothing is captured until {@link X11Desktop.capture} is called.
 */
export class X11Desktop {
  /** Pointer injection; `undefined` without XTEST. */
  readonly pointer: PointerInjector | undefined;
  /** Keyboard injection; `undefined` without XTEST. */
  readonly keyboard: KeyboardInjector | undefined;
  private closed = false;

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
    /** @internal The X connection (for tests and diagnostics). */
    readonly connection: X11Connection,
    private readonly screenCapture: ScreenCapture,
    private readonly damage: DamageTracker | undefined,
    private readonly cursor: CursorTracker | undefined,
    pointer: PointerInjector | undefined,
    keyboard: KeyboardInjector | undefined,
  ) {
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
      capture: this.screenCapture.backendName,
      damage: this.damage !== undefined,
      cursor: this.cursor !== undefined,
      input: this.pointer !== undefined,
    };
  }

  /** How many screen captures were made: 0 until the first {@link X11Desktop.capture}. */
  get captureCount(): number {
    return this.screenCapture.captureCount;
  }

  /**
   * Captures the whole screen with the rectangles changed since the previous capture.
   *
   * @returns the frame and its damage hints
   * @throws {@link GuestError} `GUEST_CLOSED`, `GUEST_DISPLAY_LOST`, `GUEST_X11_REQUEST_FAILED`
   */
  async capture(): Promise<CapturedFrame> {
    const damage = this.damage;
    let changed: Rect[] | undefined;
    const frame = await this.screenCapture.capture({
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
   * @throws {@link GuestError} `GUEST_X11_REQUEST_FAILED` / `GUEST_DISPLAY_LOST`
   */
  async takeCursorChange(): Promise<CursorImage | null> {
    return this.cursor === undefined ? null : this.cursor.takeChangedImage();
  }

  /**
   * Reads the pointer position (core QueryPointer; needs no extension).
   *
   * @returns root-window coordinates
   * @throws {@link GuestError} `GUEST_X11_REQUEST_FAILED` / `GUEST_DISPLAY_LOST`
   */
  async pointerPosition(): Promise<PointerPosition> {
    const reply = await this.connection.request<{ rootX: number; rootY: number }>('QueryPointer', (callback) =>
      this.connection.client.QueryPointer(this.connection.root, callback),
    );
    return { x: reply.rootX, y: reply.rootY };
  }

  /**
   * Adds a listener for the X server going away during the session (X server stopped,
   * user logged out). Requests fail with `GUEST_DISPLAY_LOST` from then on.
   *
   * @param listener - called once with the `GUEST_DISPLAY_LOST` error
   * @returns a function that removes the listener
   */
  onDisplayLost(listener: (error: GuestError) => void): () => void {
    return this.connection.onLost(listener);
  }

  /**
   * Adds a listener for errors the X server reports for requests without a reply, such as
   * injected input it rejected. They do not end the session.
   *
   * @param listener - called with each error (`GUEST_X11_REQUEST_FAILED`)
   * @returns a function that removes the listener
   */
  onServerError(listener: (error: GuestError) => void): () => void {
    return this.connection.onAsyncError(listener);
  }

  /**
   * Releases every key and button the guest holds, e.g. when control is revoked or the
   * session ends. Never throws.
   */
  releaseAll(): void {
    this.keyboard?.releaseAll();
    this.pointer?.releaseAll();
  }

  /**
   * Waits until the server has processed all injected input and other requests.
   *
   * @throws {@link GuestError} `GUEST_CLOSED` / `GUEST_DISPLAY_LOST`
   */
  async sync(): Promise<void> {
    await this.connection.sync();
  }

  /** Releases held input, frees server resources and closes the connection. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.releaseAll();
    this.keyboard?.close();
    this.damage?.close();
    this.cursor?.close();
    await this.screenCapture.close().catch(() => undefined);
    await this.connection.close();
  }
}

async function optional<T>(create: () => Promise<T>): Promise<T | undefined> {
  try {
    return await create();
  } catch (error) {
    if (error instanceof GuestError && error.code === GuestErrorCode.EXTENSION_MISSING) return undefined;
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
 * @throws {@link GuestError} `GUEST_DISPLAY_INVALID`, `GUEST_DISPLAY_UNAVAILABLE`,
 *   `GUEST_UNSUPPORTED_PIXEL_FORMAT`, or `GUEST_EXTENSION_MISSING` when `capture: 'shm'`
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
