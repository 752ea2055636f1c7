/**
 * @packageDocumentation
 * `@fernhilfe/windows`: the Windows platform layer of a Fernhilfe guest through koffi: the
 * {@link WindowsDesktop} (GDI capture of the virtual screen, cursor, SendInput, refused-input
 * detection), small native Win32 dialogs (`createWin32Ui`), the customer's proxy settings and
 * the koffi loader.
 *
 * @example
 * ```ts
 * import { openWindowsDesktop } from '@fernhilfe/windows';
 * const desktop = openWindowsDesktop();
 * const { frame } = await desktop.capture();
 * ```
 */

// Desktop: capture and input (libs/windows/src/desktop).
export {
  DEFAULT_MAX_CURSOR_SIZE,
  DEFAULT_MAX_SCREEN_PIXELS,
  type WindowsDesktopOptions,
} from './desktop/desktop-options';
export type { InputBlockProbe } from './desktop/input-blocked';
export { WindowsKeyboard } from './desktop/keyboard';
export { MAX_WHEEL_CLICKS } from './desktop/mouse-normalization';
export { WindowsPointer } from './desktop/pointer';
export type { CaptureMethod } from './desktop/screen-capture';
export { openWindowsDesktop, WindowsDesktop } from './desktop/windows-desktop';
export { WindowsError, WindowsErrorCode } from './errors';
export { KOFFI_NATIVE_ENV, KOFFI_SEA_ASSET, type KoffiApi, loadKoffi } from './koffi/load-koffi';
export {
  type InternetSettings,
  type SystemProxy,
  systemProxyFromInternetSettings,
} from './proxy/internet-settings';
export { readInternetSettings } from './proxy/read-internet-settings';
export type { ButtonOptions, FieldOptions, TextOptions } from './ui/control-options';
// Win32 UI layer (src/ui)
export type { FontRole } from './ui/ui-fonts';
export type { Handle } from './ui/user32-ui-api';
export { type ControlBounds, Win32Control } from './ui/win32-control';
export { createWin32Ui, type Win32Ui, type Win32UiOptions } from './ui/win32-ui';
export { Win32Window, type WindowOptions } from './ui/win32-window';
export type { WindowPlacement } from './ui/window-placement';
export { type DpiAwareness, declareDpiAwareness } from './win32/dpi-awareness';
export { showErrorBox } from './win32/message-box';
