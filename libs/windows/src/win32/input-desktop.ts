import { lazyBinding, type Win32Handle, win32Function } from './library';

// winuser.h constants.
const DESKTOP_READOBJECTS = 0x0001;
const UOI_NAME = 2;
const NAME_BYTES = 512;

const user32 = lazyBinding(() => ({
  OpenInputDesktop: win32Function<(flags: number, inherit: boolean, access: number) => Win32Handle>(
    'user32.dll',
    'intptr_t __stdcall OpenInputDesktop(uint32_t flags, bool inherit, uint32_t access)',
  ),
  CloseDesktop: win32Function<(desktop: Win32Handle) => boolean>(
    'user32.dll',
    'bool __stdcall CloseDesktop(intptr_t desktop)',
  ),
  GetUserObjectInformationW: win32Function<
    (object: Win32Handle, index: number, out: Uint8Array, size: number, needed: [number]) => boolean
  >(
    'user32.dll',
    'bool __stdcall GetUserObjectInformationW(intptr_t object, int index, _Out_ uint8_t *out, uint32_t size, _Out_ uint32_t *needed)',
  ),
}));

/**
 * The name of the desktop that receives input now: `Default` for the customer's normal desktop,
 * `Winlogon` (or nothing: access denied) for the UAC prompt, the lock screen and Ctrl+Alt+Del.
 *
 * @returns the name, or `undefined` when we may not open the input desktop
 */
export function inputDesktopName(): string | undefined {
  const { OpenInputDesktop, CloseDesktop, GetUserObjectInformationW } = user32();
  const desktop = OpenInputDesktop(0, false, DESKTOP_READOBJECTS);
  if (desktop === 0) return undefined;
  try {
    const name = new Uint8Array(NAME_BYTES);
    const needed: [number] = [0];
    if (!GetUserObjectInformationW(desktop, UOI_NAME, name, NAME_BYTES, needed)) return undefined;
    const text = Buffer.from(name.buffer, 0, Math.min(needed[0], NAME_BYTES)).toString('utf16le');
    return text.replace(/\0.*$/s, '');
  } finally {
    CloseDesktop(desktop);
  }
}
