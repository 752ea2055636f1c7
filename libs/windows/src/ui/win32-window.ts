import { WindowsError, WindowsErrorCode } from '../errors';
import { type ButtonOptions, checkBounds, type FieldOptions, type TextOptions } from './control-options';
import type { FontRole, UiFonts } from './ui-fonts';
import type { Handle, Win32UiApi } from './user32-ui-api';
import {
  BN_CLICKED,
  ControlStyle,
  DC_HASDEFID,
  DrawTextFlag,
  HWND_TOPMOST,
  IDCANCEL,
  IDOK,
  Layout,
  Message,
  SetWindowPosFlag,
  ShowCommand,
  WindowExStyle,
  WindowStyle,
} from './win32-constants';
import { type ControlBounds, Win32Control } from './win32-control';
import type { Win32Ui } from './win32-ui';
import { placeWindow, type WindowPlacement } from './window-placement';

/** Options of {@link Win32Ui.openWindow}. Sizes are device-independent pixels (1/96 inch). */
export interface WindowOptions {
  /** Title bar text. */
  title: string;
  /** Width of the client area. */
  width: number;
  /** Height of the client area. */
  height: number;
  /** @defaultValue `'center'` */
  placement?: WindowPlacement;
  /** Stays above other windows (a status window). @defaultValue false */
  topmost?: boolean;
  /**
   * Called (after the current message) when the customer closes the window: the title bar's
   * close button, Alt+F4, or `WM_CLOSE` from elsewhere. The window is destroyed right after.
   */
  onClose?: () => void;
}

/** What a window needs from its {@link Win32Ui}. */
export interface WindowResources {
  api: Win32UiApi;
  fonts: UiFonts;
  className: string;
  instance: Handle;
  dpi: number;
  /** Called from `WM_NCDESTROY`: the window is gone. */
  released(window: Win32Window): void;
}

const MAX_FIELD_LENGTH = 32_768;
const FIRST_CONTROL_ID = 100;
/** Distance of a top-right window from the work area's edges. */
const EDGE_MARGIN = 12;

/**
 * A top-level window of the UI layer: centred or in the top-right corner, not resizable, with
 * child controls, keyboard navigation (Tab, Enter, Escape) and the system's message font.
 * Created by {@link Win32Ui.openWindow}. After it closed every method throws
 * `WINDOWS_UI_WINDOW_CLOSED`.
 */
export class Win32Window {
  readonly #resources: WindowResources;
  readonly #options: WindowOptions;
  readonly #style = WindowStyle.CAPTION | WindowStyle.SYSMENU;
  readonly #exStyle: number;
  readonly #controls = new Map<number, Win32Control>();
  readonly #clickHandlers = new Map<number, () => void>();
  #hwnd: Handle = 0n;
  #nextId = FIRST_CONTROL_ID;
  #defaultId: number | undefined;
  #cancelId: number | undefined;
  #closed = false;

  /**
   * @internal Made by {@link Win32Ui.openWindow}.
   * @param resources - class, fonts and DPI of the UI
   * @param options - title, size, placement
   */
  constructor(resources: WindowResources, options: WindowOptions) {
    this.#resources = resources;
    this.#options = options;
    this.#exStyle =
      WindowExStyle.DLGMODALFRAME | WindowExStyle.CONTROLPARENT | (options.topmost ? WindowExStyle.TOPMOST : 0);
  }

  /** @internal Creates the native window (hidden); called once by {@link Win32Ui.openWindow}. */
  create(): Handle {
    const { api, className, instance } = this.#resources;
    const { x, y, width, height } = this.#place(this.#options.width, this.#options.height);
    this.#hwnd = api.CreateWindowExW(
      this.#exStyle,
      className,
      this.#options.title,
      this.#style,
      x,
      y,
      width,
      height,
      0n,
      0n,
      instance,
      0n,
    );
    if (!this.#hwnd) throw new WindowsError(WindowsErrorCode.UI_WIN32_FAILED, 'CreateWindowExW failed');
    return this.#hwnd;
  }

  /** The window handle. */
  get hwnd(): Handle {
    return this.#hwnd;
  }

  /** Whether the window was closed (by the customer or by {@link Win32Window.close}). */
  get closed(): boolean {
    return this.#closed;
  }

  /**
   * Shows the window and brings it to the front.
   *
   * @throws WindowsError `WINDOWS_UI_WINDOW_CLOSED`
   */
  show(): void {
    this.assertOpen();
    const { api } = this.#resources;
    api.ShowWindow(this.#hwnd, ShowCommand.SHOWNORMAL);
    api.SetForegroundWindow(this.#hwnd);
  }

  /**
   * Replaces the title.
   *
   * @param title - the new title
   * @throws WindowsError `WINDOWS_UI_WINDOW_CLOSED`
   */
  setTitle(title: string): void {
    this.assertOpen();
    this.#resources.api.SetWindowTextW(this.#hwnd, title);
  }

  /**
   * Resizes the client area and places the window again (centred or top-right).
   *
   * @param width - client width in device-independent pixels
   * @param height - client height in device-independent pixels
   * @throws WindowsError `WINDOWS_UI_INVALID_ARGUMENT`, `WINDOWS_UI_WINDOW_CLOSED`
   */
  setClientSize(width: number, height: number): void {
    this.assertOpen();
    checkBounds({ x: 0, y: 0, width, height });
    const bounds = this.#place(width, height);
    const after = this.#options.topmost ? HWND_TOPMOST : 0n;
    const flags = SetWindowPosFlag.NOACTIVATE | (this.#options.topmost ? 0 : SetWindowPosFlag.NOZORDER);
    this.#resources.api.SetWindowPos(this.#hwnd, after, bounds.x, bounds.y, bounds.width, bounds.height, flags);
  }

  /**
   * Adds a static text.
   *
   * @param options - position, text, font
   * @returns the control
   * @throws WindowsError `WINDOWS_UI_INVALID_ARGUMENT`, `WINDOWS_UI_WINDOW_CLOSED`, `WINDOWS_UI_WIN32_FAILED`
   */
  addText(options: TextOptions): Win32Control {
    const style = ControlStyle.SS_NOPREFIX | (options.centered ? ControlStyle.SS_CENTER : 0);
    return this.#addControl('STATIC', options.text, style, 0, options, options.font);
  }

  /**
   * Adds a single-line input field (a tab stop).
   *
   * @param options - position, password, digits only, length limit
   * @returns the control
   * @throws WindowsError `WINDOWS_UI_INVALID_ARGUMENT`, `WINDOWS_UI_WINDOW_CLOSED`, `WINDOWS_UI_WIN32_FAILED`
   */
  addField(options: FieldOptions): Win32Control {
    const maxLength = options.maxLength ?? 256;
    if (!Number.isInteger(maxLength) || maxLength < 1 || maxLength > MAX_FIELD_LENGTH) {
      throw new WindowsError(WindowsErrorCode.UI_INVALID_ARGUMENT, `maxLength must be 1..${MAX_FIELD_LENGTH}`);
    }
    const style =
      WindowStyle.TABSTOP |
      ControlStyle.ES_AUTOHSCROLL |
      (options.password ? ControlStyle.ES_PASSWORD : 0) |
      (options.digitsOnly ? ControlStyle.ES_NUMBER : 0) |
      (options.centered ? ControlStyle.ES_CENTER : 0);
    const control = this.#addControl(
      'EDIT',
      options.text ?? '',
      style,
      WindowExStyle.CLIENTEDGE,
      options,
      options.font,
    );
    this.#resources.api.SendMessageW(control.hwnd, Message.EM_LIMITTEXT, maxLength, 0);
    return control;
  }

  /**
   * Adds a push button (a tab stop).
   *
   * @param options - position, label, default/cancel role, click handler
   * @returns the control
   * @throws WindowsError `WINDOWS_UI_INVALID_ARGUMENT` (a second default or cancel button), `WINDOWS_UI_WINDOW_CLOSED`, `WINDOWS_UI_WIN32_FAILED`
   */
  addButton(options: ButtonOptions): Win32Control {
    if ((options.isDefault && this.#defaultId !== undefined) || (options.isCancel && this.#cancelId !== undefined)) {
      throw new WindowsError(
        WindowsErrorCode.UI_INVALID_ARGUMENT,
        'a window has at most one default and one cancel button',
      );
    }
    const style =
      WindowStyle.TABSTOP | (options.isDefault ? ControlStyle.BS_DEFPUSHBUTTON : ControlStyle.BS_PUSHBUTTON);
    const control = this.#addControl('BUTTON', options.text, style, 0, options, 'normal');
    this.#clickHandlers.set(control.id, options.onClick);
    if (options.isDefault) this.#defaultId = control.id;
    if (options.isCancel) this.#cancelId = control.id;
    return control;
  }

  /**
   * Removes every control (to show other content in the same window).
   *
   * @throws WindowsError `WINDOWS_UI_WINDOW_CLOSED`
   */
  clearControls(): void {
    this.assertOpen();
    for (const control of this.#controls.values()) {
      const hwnd = control.hwnd;
      control.markRemoved();
      this.#resources.api.DestroyWindow(hwnd);
    }
    this.#controls.clear();
    this.#clickHandlers.clear();
    this.#defaultId = undefined;
    this.#cancelId = undefined;
  }

  /**
   * Measures the height wrapped text takes in a given width.
   *
   * @param text - the text
   * @param width - the available width in device-independent pixels
   * @param font - which font @defaultValue `'normal'`
   * @returns the height in device-independent pixels
   * @throws WindowsError `WINDOWS_UI_WINDOW_CLOSED`
   */
  measureText(text: string, width: number, font: FontRole = 'normal'): number {
    this.assertOpen();
    const { api, fonts } = this.#resources;
    const rect = Buffer.alloc(Layout.RECT_SIZE);
    rect.writeInt32LE(this.scale(width), 8);
    const dc = api.GetDC(this.#hwnd);
    const previous = api.SelectObject(dc, fonts[font]);
    api.DrawTextW(dc, text, -1, rect, DrawTextFlag.CALCRECT | DrawTextFlag.WORDBREAK | DrawTextFlag.NOPREFIX);
    api.SelectObject(dc, previous);
    api.ReleaseDC(this.#hwnd, dc);
    return Math.ceil((rect.readInt32LE(12) * 96) / this.#resources.dpi);
  }

  /** Closes the window (no `onClose`: that reports the customer's closing). Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#resources.api.DestroyWindow(this.#hwnd);
  }

  /**
   * Converts device-independent pixels to physical pixels at the system DPI.
   *
   * @param dips - a length in 1/96 inch
   * @returns the length in pixels
   */
  scale(dips: number): number {
    return Math.round((dips * this.#resources.dpi) / 96);
  }

  /**
   * Throws when the window was closed.
   *
   * @throws WindowsError `WINDOWS_UI_WINDOW_CLOSED`
   */
  assertOpen(): void {
    if (this.#closed)
      throw new WindowsError(WindowsErrorCode.UI_WINDOW_CLOSED, `window "${this.#options.title}" was closed`);
  }

  /**
   * @internal Handles one message of this window's procedure.
   *
   * @param message - the message number
   * @param wParam - its first parameter
   * @returns the result, or `undefined` for `DefWindowProcW`
   */
  handleMessage(message: number, wParam: number): number | undefined {
    switch (message) {
      case Message.COMMAND: {
        if (wParam >>> 16 !== BN_CLICKED) return undefined;
        const id = wParam & 0xffff;
        const target = id === IDCANCEL ? this.#cancelId : id === IDOK ? this.#defaultId : id;
        const handler = target === undefined ? undefined : this.#clickHandlers.get(target);
        if (handler) queueMicrotask(handler);
        return 0;
      }
      case Message.DM_GETDEFID:
        return this.#defaultId === undefined ? undefined : (DC_HASDEFID << 16) | this.#defaultId;
      case Message.CLOSE: {
        const onClose = this.#options.onClose;
        if (onClose) queueMicrotask(onClose);
        this.#resources.api.DestroyWindow(this.#hwnd);
        return 0;
      }
      case Message.NCDESTROY:
        this.#closed = true;
        for (const control of this.#controls.values()) control.markRemoved();
        this.#controls.clear();
        this.#clickHandlers.clear();
        this.#resources.released(this);
        return undefined;
      default:
        return undefined;
    }
  }

  #addControl(
    className: string,
    text: string,
    style: number,
    exStyle: number,
    bounds: ControlBounds,
    font: FontRole = 'normal',
  ): Win32Control {
    this.assertOpen();
    checkBounds(bounds);
    const { api, fonts, instance } = this.#resources;
    const id = this.#nextId++;
    const hwnd = api.CreateWindowExW(
      exStyle,
      className,
      text,
      WindowStyle.CHILD | WindowStyle.VISIBLE | style,
      this.scale(bounds.x),
      this.scale(bounds.y),
      this.scale(bounds.width),
      this.scale(bounds.height),
      this.#hwnd,
      BigInt(id),
      instance,
      0n,
    );
    if (!hwnd) throw new WindowsError(WindowsErrorCode.UI_WIN32_FAILED, `CreateWindowExW(${className}) failed`);
    api.SendMessageW(hwnd, Message.SETFONT, fonts[font], 1);
    const control = new Win32Control(api, this, hwnd, id);
    this.#controls.set(id, control);
    return control;
  }

  #place(clientWidth: number, clientHeight: number): ControlBounds {
    return placeWindow(this.#resources.api, {
      clientWidth: this.scale(clientWidth),
      clientHeight: this.scale(clientHeight),
      style: this.#style,
      exStyle: this.#exStyle,
      placement: this.#options.placement ?? 'center',
      margin: this.scale(EDGE_MARGIN),
    });
  }
}
