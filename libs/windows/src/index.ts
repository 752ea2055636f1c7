/**
 * @packageDocumentation
 * `@fernhilfe/windows`: the Windows platform layer of a Fernhilfe guest (issue 15): small native
 * Win32 dialogs from Node through koffi (`createWin32Ui`), and the koffi loader.
 *
 * @example
 * ```ts
 * import { createWin32Ui } from '@fernhilfe/windows';
 * const ui = createWin32Ui();
 * const window = ui.openWindow({ title: 'Fernhilfe', width: 320, height: 90, onClose: () => ui.dispose() });
 * window.addText({ x: 12, y: 12, width: 296, height: 20, text: 'Hallo' });
 * window.addButton({ x: 220, y: 52, width: 88, height: 26, text: 'OK', isDefault: true, onClick: () => window.close() });
 * window.show();
 * ```
 */

export { WindowsError, WindowsErrorCode } from './errors';
export { KOFFI_NATIVE_ENV, KOFFI_SEA_ASSET, type KoffiApi, loadKoffi } from './koffi/load-koffi';
export type { ButtonOptions, FieldOptions, TextOptions } from './ui/control-options';
// Win32 UI layer (src/ui)
export type { FontRole } from './ui/ui-fonts';
export type { Handle } from './ui/user32-ui-api';
export { type ControlBounds, Win32Control } from './ui/win32-control';
export { createWin32Ui, type Win32Ui, type Win32UiOptions } from './ui/win32-ui';
export { Win32Window, type WindowOptions } from './ui/win32-window';
export type { WindowPlacement } from './ui/window-placement';
