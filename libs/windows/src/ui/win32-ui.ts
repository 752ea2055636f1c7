import { WindowsError, WindowsErrorCode } from '../errors';
import { type KoffiApi, loadKoffi } from '../koffi/load-koffi';
import { MessagePump } from './message-pump';
import { createUiFonts, deleteUiFonts, type UiFonts } from './ui-fonts';
import { type Handle, win32UiApi } from './user32-ui-api';
import { BACKGROUND_BTNFACE, IDC_ARROW, IDI_APPLICATION } from './win32-constants';
import { Win32Window, type WindowOptions } from './win32-window';

/** Options of {@link createWin32Ui}. */
export interface Win32UiOptions {
  /** koffi to bind with. @defaultValue `loadKoffi()` */
  koffi?: KoffiApi;
  /** How often the message queue is drained while a window is open, in ms. @defaultValue 15 */
  pumpIntervalMs?: number;
}

/** Small native windows from Node: see {@link createWin32Ui}. */
export interface Win32Ui {
  /**
   * Opens a top-level window, hidden until its `show()`.
   *
   * @param options - title, client size in device-independent pixels, placement, close handler
   * @returns the window; add controls to it, then show it
   * @throws WindowsError `WINDOWS_UI_INVALID_ARGUMENT`, `WINDOWS_UI_DISPOSED`, `WINDOWS_UI_WIN32_FAILED`
   */
  openWindow(options: WindowOptions): Win32Window;
  /** How many windows are open. */
  readonly openWindows: number;
  /** Whether the class, window procedure, fonts and message pump exist (only while a window is open). */
  readonly active: boolean;
  /** The user's UI language (`GetUserDefaultUILanguage`, a LANGID: primary language in the low 10 bits). */
  userUiLanguage(): number;
  /** Closes every window and opens no more. */
  dispose(): void;
}

/** Everything that exists only while at least one window is open. */
interface ActiveResources {
  procedure: Handle;
  className: string;
  fonts: UiFonts;
  pump: MessagePump;
}

let classCounter = 0;

/**
 * Win32 windows for a Node program: one window class with a koffi-registered window procedure,
 * the theme's message font, and a message pump on a short timer beside Node's event loop. The
 * class, procedure, fonts and timer exist only while a window is open, so nothing leaks and
 * an idle program can exit.
 *
 * @param options - koffi and the pump interval
 * @returns the UI
 *
 * @example
 * ```ts
 * const ui = createWin32Ui();
 * const window = ui.openWindow({ title: 'Fernhilfe', width: 300, height: 100, onClose: () => console.log('closed') });
 * window.addText({ x: 12, y: 12, width: 276, height: 20, text: 'Hello' });
 * window.addButton({ x: 200, y: 60, width: 88, height: 26, text: 'OK', isDefault: true, onClick: () => window.close() });
 * window.show();
 * ```
 */
export function createWin32Ui(options: Win32UiOptions = {}): Win32Ui {
  const pumpIntervalMs = options.pumpIntervalMs ?? 15;
  if (!Number.isInteger(pumpIntervalMs) || pumpIntervalMs < 1 || pumpIntervalMs > 1000) {
    throw new WindowsError(WindowsErrorCode.UI_INVALID_ARGUMENT, 'pumpIntervalMs must be 1..1000');
  }
  const api = win32UiApi(options.koffi ?? loadKoffi());
  const instance = api.GetModuleHandleW(null);
  const windows = new Map<Handle, Win32Window>();
  let active: ActiveResources | undefined;
  let disposed = false;

  const procedure = (hwnd: Handle, message: number, wParam: bigint | number, lParam: bigint | number) => {
    const window = windows.get(hwnd);
    const result = window?.handleMessage(message, Number(wParam));
    return result ?? api.DefWindowProcW(hwnd, message, wParam, lParam);
  };

  const activate = (): ActiveResources => {
    if (active) return active;
    const className = `Fernhilfe.Window.${process.pid}.${++classCounter}`;
    const registered = api.registerWindowProcedure(procedure);
    const atom = api.RegisterClassExW({
      cbSize: 80,
      style: 0,
      lpfnWndProc: registered,
      cbClsExtra: 0,
      cbWndExtra: 0,
      hInstance: instance,
      hIcon: api.LoadIconW(0n, IDI_APPLICATION),
      hCursor: api.LoadCursorW(0n, IDC_ARROW),
      hbrBackground: BACKGROUND_BTNFACE,
      lpszMenuName: null,
      lpszClassName: className,
      hIconSm: 0n,
    });
    if (!atom) {
      api.unregisterWindowProcedure(registered);
      throw new WindowsError(WindowsErrorCode.UI_WIN32_FAILED, 'RegisterClassExW failed');
    }
    const pump = new MessagePump(api, () => windows.keys(), pumpIntervalMs);
    active = { procedure: registered, className, fonts: createUiFonts(api), pump };
    pump.start();
    return active;
  };

  // Runs after the last window's WM_NCDESTROY has returned: the procedure must not be
  // unregistered while Windows is still inside it.
  const deactivateIfIdle = () => {
    if (!active || windows.size > 0) return;
    const { pump, fonts, className, procedure: registered } = active;
    active = undefined;
    pump.stop();
    deleteUiFonts(api, fonts);
    api.UnregisterClassW(className, instance);
    api.unregisterWindowProcedure(registered);
  };

  const released = (window: Win32Window) => {
    windows.delete(window.hwnd);
    setImmediate(deactivateIfIdle);
  };

  return {
    openWindow(windowOptions) {
      if (disposed) throw new WindowsError(WindowsErrorCode.UI_DISPOSED, 'the UI was disposed');
      const { width, height, title } = windowOptions;
      if (!(width > 0 && height > 0 && width <= 4096 && height <= 4096) || title.length === 0) {
        throw new WindowsError(WindowsErrorCode.UI_INVALID_ARGUMENT, 'a window needs a title and a size of 1..4096');
      }
      const resources = activate();
      const window = new Win32Window(
        { api, fonts: resources.fonts, className: resources.className, instance, dpi: api.systemDpi(), released },
        windowOptions,
      );
      try {
        windows.set(window.create(), window);
      } catch (error) {
        setImmediate(deactivateIfIdle);
        throw error;
      }
      return window;
    },
    get openWindows() {
      return windows.size;
    },
    get active() {
      return active !== undefined;
    },
    userUiLanguage: () => api.GetUserDefaultUILanguage(),
    dispose() {
      disposed = true;
      for (const window of [...windows.values()]) window.close();
    },
  };
}
