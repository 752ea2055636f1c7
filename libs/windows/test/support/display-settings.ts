// ChangeDisplaySettingsExW for the resize test: the only way to change the screen size from inside wine.
import { lazyBinding, win32Function } from '../../src/win32/library';

// wingdi.h DEVMODEW: 220 bytes; dmSize at 68, dmFields at 72, dmPelsWidth/Height at 172/176.
const DEVMODEW_SIZE = 220;
const DM_PELSWIDTH = 0x80000;
const DM_PELSHEIGHT = 0x100000;

const user32 = lazyBinding(() => ({
  ChangeDisplaySettingsExW: win32Function<
    (device: null, mode: Uint8Array | null, window: number, flags: number, param: number) => number
  >(
    'user32.dll',
    'int32_t __stdcall ChangeDisplaySettingsExW(const char16_t *device, const uint8_t *mode, intptr_t window, uint32_t flags, intptr_t param)',
  ),
}));

/**
 * Sets the primary display's resolution (not saved in the registry).
 *
 * @returns `DISP_CHANGE_*`: 0 when it worked
 */
export function setResolution(width: number, height: number): number {
  const mode = new Uint8Array(DEVMODEW_SIZE);
  const view = new DataView(mode.buffer);
  view.setUint16(68, DEVMODEW_SIZE, true);
  view.setUint32(72, DM_PELSWIDTH | DM_PELSHEIGHT, true);
  view.setUint32(172, width, true);
  view.setUint32(176, height, true);
  return user32().ChangeDisplaySettingsExW(null, mode, 0, 0, 0);
}

/** Returns to the resolution in the registry. @returns `DISP_CHANGE_*` */
export function restoreResolution(): number {
  return user32().ChangeDisplaySettingsExW(null, null, 0, 0, 0);
}
