import type { CursorImage, PointerPosition } from '@fernhilfe/desktop';
import type { CursorImageReply, FixesExtension, QueryPointerReply, XEvent } from 'x11';
import type { X11Connection } from './connection';
import { premultipliedArgbToRgba } from './cursor-pixels';
import { X11Error, X11ErrorCode } from './errors';
import { requireExtension } from './extensions';

/** Largest cursor side accepted from the server; X servers cap cursors far below this. */
const MAX_CURSOR_SIDE = 1024;

interface CursorNotifyEvent {
  name: 'CursorNotify';
  cursorSerial: number;
}

function isCursorNotify(event: XEvent): event is XEvent & CursorNotifyEvent {
  return event.name === 'CursorNotify';
}

/**
 * Follows the displayed cursor with XFIXES: the server notifies every shape change, and
 * {@link CursorTracker.takeChangedImage} fetches the image only when it changed.
 */
export class CursorTracker {
  #lastSentSerial: number | undefined;
  #changed = true;
  readonly #stopListening: () => void;

  readonly #connection: X11Connection;
  readonly #fixes: FixesExtension;

  /**
   * @param connection - an open connection
   * @param fixes - the XFIXES extension, with cursor input already selected on the root
   */
  constructor(connection: X11Connection, fixes: FixesExtension) {
    this.#connection = connection;
    this.#fixes = fixes;
    this.#stopListening = connection.onEvent((event) => {
      if (isCursorNotify(event) && event.cursorSerial !== this.#lastSentSerial) this.#changed = true;
    });
  }

  /** True when the shape may have changed since the last image handed out. */
  get hasChange(): boolean {
    return this.#changed;
  }

  /**
   * Fetches the cursor image currently displayed.
   *
   * @returns the image
   * @throws {@link X11Error} `X11_REQUEST_FAILED` on a server error or an implausible size
   */
  async image(): Promise<CursorImage> {
    const reply = await this.#connection.request<CursorImageReply>('GetCursorImage', (callback) =>
      this.#fixes.GetCursorImage(callback),
    );
    const { width, height } = reply;
    if (width > MAX_CURSOR_SIDE || height > MAX_CURSOR_SIDE || reply.cursorImage.length < width * height * 4) {
      throw new X11Error(X11ErrorCode.REQUEST_FAILED, `implausible cursor image ${width}x${height}`);
    }
    return {
      serial: reply.cursorSerial,
      width,
      height,
      hotX: reply.xhot,
      hotY: reply.yhot,
      rgba: premultipliedArgbToRgba(reply.cursorImage, width * height),
    };
  }

  /**
   * Returns the cursor image if its shape changed since the last call, else `null`.
   * The first call always returns the image.
   *
   * @returns the new image or `null`
   * @throws {@link X11Error} as {@link CursorTracker.image}
   */
  async takeChangedImage(): Promise<CursorImage | null> {
    if (!this.#changed) return null;
    this.#changed = false;
    const current = await this.image();
    if (current.serial === this.#lastSentSerial) return null;
    this.#lastSentSerial = current.serial;
    return current;
  }

  /**
   * Reads where the pointer is.
   *
   * @returns root-window coordinates
   * @throws {@link X11Error} `X11_REQUEST_FAILED` / `X11_DISPLAY_LOST`
   */
  async pointerPosition(): Promise<PointerPosition> {
    const reply = await this.#connection.request<QueryPointerReply>('QueryPointer', (callback) =>
      this.#connection.client.QueryPointer(this.#connection.root, callback),
    );
    return { x: reply.rootX, y: reply.rootY };
  }

  /** Stops following shape changes. */
  close(): void {
    this.#stopListening();
    if (this.#connection.isOpen) this.#fixes.SelectCursorInput(this.#connection.root, 0);
  }
}

/**
 * Starts following the cursor shape.
 *
 * @param connection - an open connection
 * @returns the tracker
 * @throws {@link X11Error} `X11_EXTENSION_MISSING` when the server lacks XFIXES
 */
export async function createCursorTracker(connection: X11Connection): Promise<CursorTracker> {
  const fixes = await requireExtension(connection, 'fixes');
  fixes.SelectCursorInput(connection.root, fixes.CursorNotifyMask.DisplayCursor);
  return new CursorTracker(connection, fixes);
}
