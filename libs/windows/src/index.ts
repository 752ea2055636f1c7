/**
 * @packageDocumentation
 * `@fernhilfe/windows`: the Windows platform layer of a Fernhilfe guest (issue 15): the
 * {@link WindowsDesktop} (GDI capture of the virtual screen, cursor, SendInput) through koffi.
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
export { openWindowsDesktop, WindowsDesktop } from './desktop/windows-desktop';
export { WindowsError, WindowsErrorCode } from './errors';
export { KOFFI_NATIVE_ENV, KOFFI_SEA_ASSET, type KoffiApi, loadKoffi } from './koffi/load-koffi';
export {
  type InternetSettings,
  type SystemProxy,
  systemProxyFromInternetSettings,
} from './proxy/internet-settings';
export { readInternetSettings } from './proxy/read-internet-settings';
export type { DpiAwareness } from './win32/dpi-awareness';
