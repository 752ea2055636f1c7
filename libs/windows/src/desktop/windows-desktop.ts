import type {
  CapturedFrame,
  CursorImage,
  Desktop,
  DesktopFeatures,
  InputBlockedReason,
  PointerPosition,
} from '@fernhilfe/desktop';
import { WindowsError, WindowsErrorCode } from '../errors';
import { cursorApi, IDC_ARROW } from '../win32/cursor';
import { type DpiAwareness, declareDpiAwareness } from '../win32/dpi-awareness';
import { virtualKeyOnForegroundLayout } from '../win32/keyboard-layout';
import { type InputRecord, sendInputs } from '../win32/send-input';
import { cursorInfoBuffer, readCursorInfo, readPoint } from '../win32/structs';
import { readCursorShape } from './cursor-shape';
import { type CheckedOptions, checkDesktopOptions, type WindowsDesktopOptions } from './desktop-options';
import { InputBlockedMonitor } from './input-blocked';
import { WindowsKeyboard } from './keyboard';
import { WindowsPointer } from './pointer';
import { type CaptureMethod, ScreenCapture } from './screen-capture';
import { win32BlockProbe } from './win32-block-probe';

// winuser.h CURSORINFO.flags
const CURSOR_SHOWING = 1;
const hiddenCursor = (): Omit<CursorImage, 'serial'> => ({
  width: 1,
  height: 1,
  hotX: 0,
  hotY: 0,
  rgba: new Uint8Array(4),
});

/**
 * The customer's Windows desktop: capture of the whole virtual screen (Desktop Duplication with
 * its changed rectangles where Windows offers it, else GDI), the cursor, and SendInput pointer
 * and keyboard injection with a check for input Windows will refuse.
 * Frame (0, 0) is the virtual screen's origin, which may lie left of or above the primary monitor.
 */
export class WindowsDesktop implements Desktop {
  /** Pointer injection; `undefined` when opened with `input: false`. */
  readonly pointer: WindowsPointer | undefined;
  /** Keyboard injection; `undefined` when opened with `input: false`. */
  readonly keyboard: WindowsKeyboard | undefined;
  /** The DPI awareness declared when the desktop was opened. */
  readonly dpiAwareness: DpiAwareness;
  readonly #capture: ScreenCapture;
  readonly #input: boolean;
  readonly #blocked: InputBlockedMonitor;
  readonly #maxCursorSize: number;
  #cursorHandle: number | undefined;
  #cursorSerial = 0;
  #closed = false;

  /**
   * Use {@link openWindowsDesktop}.
   *
   * @internal
   */
  constructor(options: CheckedOptions, dpiAwareness: DpiAwareness) {
    this.dpiAwareness = dpiAwareness;
    this.#maxCursorSize = options.maxCursorSize;
    this.#capture = new ScreenCapture(options.maxScreenPixels, options.duplication);
    this.#blocked = new InputBlockedMonitor(options.blockProbe ?? win32BlockProbe(), {
      intervalMs: options.blockCheckIntervalMs,
    });
    const input = options.input;
    this.#input = input;
    const send = (records: readonly InputRecord[]) => this.#inject(records);
    this.pointer = input ? new WindowsPointer(send, () => this.#capture.screen) : undefined;
    this.keyboard = input ? new WindowsKeyboard(send, virtualKeyOnForegroundLayout) : undefined;
  }

  /**
   * What this desktop offers: the capture in use (`dxgi` with change rectangles, or `gdi`
   * without), cursor, and input. The capture may change from `dxgi` to `gdi` during a session.
   */
  get features(): DesktopFeatures {
    const { method } = this.#capture.method;
    return { capture: method, damage: method === 'dxgi', cursor: true, input: this.#input };
  }

  /** How the screen is captured now, and why not with Desktop Duplication (diagnostics). */
  get captureMethod(): CaptureMethod {
    return this.#capture.method;
  }

  /** Width of the virtual screen in physical pixels (as of the last capture). */
  get width(): number {
    return this.#capture.screen.width;
  }

  /** Height of the virtual screen in physical pixels (as of the last capture). */
  get height(): number {
    return this.#capture.screen.height;
  }

  /**
   * Captures the whole virtual screen. With Desktop Duplication `hints.damage` lists the
   * rectangles changed since the previous capture (empty: nothing changed); with GDI it is
   * `undefined` and the encoder compares the frame.
   *
   * @returns the frame (a view valid until the next capture)
   * @throws {@link WindowsError} `WINDOWS_CLOSED`, `WINDOWS_WIN32_CALL_FAILED`, `WINDOWS_LIMIT_EXCEEDED`
   */
  async capture(): Promise<CapturedFrame> {
    this.#assertOpen();
    return this.#capture.capture();
  }

  /**
   * @returns the cursor image when the shown cursor (`HCURSOR`) changed since the last call,
   *   a transparent 1×1 image when the cursor was hidden, else `null`
   * @throws {@link WindowsError} `WINDOWS_CLOSED`
   */
  async takeCursorChange(): Promise<CursorImage | null> {
    this.#assertOpen();
    const buffer = cursorInfoBuffer();
    if (!cursorApi().GetCursorInfo(buffer)) return null;
    const info = readCursorInfo(buffer);
    const handle = (info.flags & CURSOR_SHOWING) === 0 ? 0 : info.cursor;
    if (handle === this.#cursorHandle) return null;
    const shape = handle === 0 ? hiddenCursor() : this.#readShape(handle);
    // Too large: remembered, so it is not read again on every call.
    this.#cursorHandle = handle;
    if (shape === undefined) return null;
    this.#cursorSerial += 1;
    return { serial: this.#cursorSerial, ...shape };
  }

  /**
   * @returns the pointer position relative to the virtual screen's origin
   * @throws {@link WindowsError} `WINDOWS_CLOSED`; `WINDOWS_WIN32_CALL_FAILED` when Windows will not say
   */
  async pointerPosition(): Promise<PointerPosition> {
    this.#assertOpen();
    const point = new Uint8Array(8);
    if (!cursorApi().GetCursorPos(point)) {
      throw new WindowsError(WindowsErrorCode.WIN32_CALL_FAILED, 'GetCursorPos failed');
    }
    const { x, y } = readPoint(point);
    const screen = this.#capture.screen;
    return { x: x - screen.x, y: y - screen.y };
  }

  /**
   * GDI has no event for the screen going away (a logged-off session ends the process), so the
   * listener is kept but never called.
   *
   * @returns a function removing the listener
   */
  onDisplayLost(_listener: (error: Error) => void): () => void {
    return () => undefined;
  }

  /**
   * Adds a listener for input Windows refuses: an elevated foreground window while we are not
   * elevated, or a secure desktop (UAC prompt, lock screen). Checked before injecting (at most
   * every 250 ms by default) and when SendInput inserts fewer events than given. Input is still
   * sent: Windows drops it, and a wrong guess loses nothing.
   *
   * @param listener - called with the reason once per change into a blocked state
   * @returns a function removing the listener
   */
  onInputBlocked(listener: (reason: InputBlockedReason) => void): () => void {
    return this.#blocked.onBlocked(listener);
  }

  /** Releases every key and button held through this desktop. Never throws. */
  releaseAll(): void {
    this.pointer?.releaseAll();
    this.keyboard?.releaseAll();
  }

  /** SendInput puts events into the input queue before it returns: nothing to wait for. */
  async sync(): Promise<void> {}

  /** Releases held input and frees every GDI object. Safe to call twice. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.releaseAll();
    this.#closed = true;
    this.#capture.close();
  }

  /**
   * Reads a cursor's image. Windows lets any process read another's cursor; wine does not, and
   * then the standard arrow stands in, so the agent sees a pointer rather than none.
   */
  #readShape(handle: number): Omit<CursorImage, 'serial'> | undefined {
    const shape = readCursorShape(handle, this.#maxCursorSize);
    if (shape !== undefined && shape !== 'unreadable') return shape;
    if (shape === undefined) return undefined;
    const arrow = readCursorShape(cursorApi().LoadCursorW(0, IDC_ARROW), this.#maxCursorSize);
    return arrow === 'unreadable' ? undefined : arrow;
  }

  #inject(records: readonly InputRecord[]): void {
    this.#assertOpen();
    this.#blocked.beforeInput();
    if (sendInputs(records) < records.length) this.#blocked.reportShortfall();
  }

  #assertOpen(): void {
    if (this.#closed) throw new WindowsError(WindowsErrorCode.CLOSED, 'the desktop is closed');
  }
}

/**
 * Opens the customer's Windows desktop. Declares the process DPI aware first (per-monitor v2,
 * else system aware), so every size is in physical pixels. Nothing is captured until
 * {@link WindowsDesktop.capture} is called.
 *
 * @param options - input on/off, limits
 * @returns the desktop
 * @throws {@link WindowsError} `WINDOWS_INVALID_ARGUMENT` for bad options
 *
 * @example
 * ```ts
 * const desktop = openWindowsDesktop();
 * const { frame } = await desktop.capture();
 * desktop.pointer?.move(frame.width / 2, frame.height / 2);
 * await desktop.close();
 * ```
 */
export function openWindowsDesktop(options: WindowsDesktopOptions = {}): WindowsDesktop {
  const checked = checkDesktopOptions(options);
  return new WindowsDesktop(checked, declareDpiAwareness());
}
