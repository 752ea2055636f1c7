/// <reference path="./x11-module.d.ts" />

/**
 * @packageDocumentation
 * `@fernhilfe/x11`: share an X11 desktop. {@link openX11Desktop} opens a display and returns
 * an {@link X11Desktop}, the X11 platform layer behind `@fernhilfe/desktop`'s `Desktop`
 * contract: whole-screen capture on demand through MIT-SHM (or core GetImage) with DAMAGE
 * rectangles as encoder hints, the cursor image from XFIXES, and pointer and keyboard input
 * through XTEST. Missing extensions degrade a feature instead of failing (see
 * {@link X11Features}). Pure JavaScript (the `x11` package): no native module.
 *
 * @example
 * ```ts
 * import { openX11Desktop } from '@fernhilfe/x11';
 *
 * const desktop = await openX11Desktop({ display: ':0' });
 * const { frame, hints } = await desktop.capture(); // frame.format === 'bgrx'
 * desktop.pointer?.move(100, 200);
 * desktop.pointer?.buttonDown('left');
 * desktop.pointer?.buttonUp('left');
 * desktop.keyboard?.keyDown({ code: 'KeyA', key: 'A', shiftKey: true, ctrlKey: false, altKey: false, metaKey: false });
 * desktop.keyboard?.keyUp({ code: 'KeyA' });
 * await desktop.close();
 * ```
 */

export { type ConnectDisplayOptions, connectDisplay, resolveDisplayName } from './connect';
export { X11Connection } from './connection';
export { premultipliedArgbToRgba } from './cursor-pixels';
export { X11Error, X11ErrorCode } from './errors';
export type { CaptureBackendName } from './frame';
export { KeyboardInjector } from './input-keyboard';
export { MAX_WHEEL_CLICKS, type PointerButton, PointerInjector } from './input-pointer';
export { keysymForCodePoint, keysymForKeyEvent, type ViewerKeyEvent } from './keysyms';
export type { CaptureBackendChoice } from './screen-capture';
export { type OpenX11DesktopOptions, openX11Desktop, X11Desktop, type X11Features } from './x11-desktop';
