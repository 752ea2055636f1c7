import { WindowsError, WindowsErrorCode } from '../errors';
import type { Handle, Win32UiApi } from './user32-ui-api';
import { ShowCommand } from './win32-constants';

/** Position and size inside a window's client area, in device-independent pixels (1/96 inch). */
export interface ControlBounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What a control's window tells it: whether it is still usable. */
export interface ControlHost {
  /** Throws the typed error when the window was closed. */
  assertOpen(): void;
  /** Converts device-independent pixels to physical pixels. */
  scale(dips: number): number;
}

/**
 * One child control of a {@link Win32Window} (text, field or button). Every method throws
 * `WINDOWS_UI_WINDOW_CLOSED` after its window closed and `WINDOWS_UI_CONTROL_REMOVED` after
 * {@link Win32Window.clearControls} removed it.
 */
export class Win32Control {
  readonly #api: Win32UiApi;
  readonly #host: ControlHost;
  readonly #hwnd: Handle;
  /** The command identifier the control reports in `WM_COMMAND`. */
  readonly id: number;
  #removed = false;

  /**
   * @internal Made by {@link Win32Window}'s `add…` methods.
   * @param api - the bound Win32 functions
   * @param host - its window
   * @param hwnd - the control's window handle
   * @param id - its command identifier
   */
  constructor(api: Win32UiApi, host: ControlHost, hwnd: Handle, id: number) {
    this.#api = api;
    this.#host = host;
    this.#hwnd = hwnd;
    this.id = id;
  }

  /** The control's window handle (for callers binding more Win32 functions). */
  get hwnd(): Handle {
    this.#assertUsable();
    return this.#hwnd;
  }

  /**
   * Replaces the shown text (or the field's content).
   *
   * @param text - the new text
   * @throws WindowsError `WINDOWS_UI_WINDOW_CLOSED`, `WINDOWS_UI_CONTROL_REMOVED`
   */
  setText(text: string): void {
    this.#assertUsable();
    this.#api.SetWindowTextW(this.#hwnd, text);
  }

  /**
   * Reads the text (of a field: what was typed). The native buffer is zeroed after reading, so
   * a password does not linger in it.
   *
   * @returns the text
   * @throws WindowsError `WINDOWS_UI_WINDOW_CLOSED`, `WINDOWS_UI_CONTROL_REMOVED`
   */
  readText(): string {
    this.#assertUsable();
    const length = this.#api.GetWindowTextLengthW(this.#hwnd);
    const buffer = Buffer.alloc((length + 1) * 2);
    const copied = this.#api.GetWindowTextW(this.#hwnd, buffer, length + 1);
    const text = buffer.toString('utf16le', 0, copied * 2);
    buffer.fill(0);
    return text;
  }

  /**
   * Shows or hides the control.
   *
   * @param visible - whether it is shown
   * @throws WindowsError `WINDOWS_UI_WINDOW_CLOSED`, `WINDOWS_UI_CONTROL_REMOVED`
   */
  setVisible(visible: boolean): void {
    this.#assertUsable();
    this.#api.ShowWindow(this.#hwnd, visible ? ShowCommand.SHOW : ShowCommand.HIDE);
  }

  /**
   * Enables or greys out the control.
   *
   * @param enabled - whether it takes input
   * @throws WindowsError `WINDOWS_UI_WINDOW_CLOSED`, `WINDOWS_UI_CONTROL_REMOVED`
   */
  setEnabled(enabled: boolean): void {
    this.#assertUsable();
    this.#api.EnableWindow(this.#hwnd, enabled ? 1 : 0);
  }

  /**
   * Gives the control the keyboard focus.
   *
   * @throws WindowsError `WINDOWS_UI_WINDOW_CLOSED`, `WINDOWS_UI_CONTROL_REMOVED`
   */
  focus(): void {
    this.#assertUsable();
    this.#api.SetFocus(this.#hwnd);
  }

  /** @internal Marks the control removed; its window destroys the native control. */
  markRemoved(): void {
    this.#removed = true;
  }

  #assertUsable(): void {
    this.#host.assertOpen();
    if (this.#removed) throw new WindowsError(WindowsErrorCode.UI_CONTROL_REMOVED, `control ${this.id} was removed`);
  }
}
