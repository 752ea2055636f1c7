// Win32 calls only the tests under wine need: finding notepad, reading its text back, key state.
import { lazyBinding, type Win32Handle, win32Function } from '../../src/win32/library';

const WM_SETTEXT = 0x000c;
const WM_GETTEXT = 0x000d;
const EM_GETSEL = 0x00b0;

const user32 = lazyBinding(() => ({
  FindWindowW: win32Function<(cls: string | null, name: string | null) => Win32Handle>(
    'user32.dll',
    'intptr_t __stdcall FindWindowW(const char16_t *cls, const char16_t *name)',
  ),
  FindWindowExW: win32Function<
    (parent: Win32Handle, after: Win32Handle, cls: string | null, name: string | null) => Win32Handle
  >(
    'user32.dll',
    'intptr_t __stdcall FindWindowExW(intptr_t parent, intptr_t after, const char16_t *cls, const char16_t *name)',
  ),
  GetWindowRect: win32Function<(window: Win32Handle, rect: Uint8Array) => boolean>(
    'user32.dll',
    'bool __stdcall GetWindowRect(intptr_t window, _Out_ uint8_t *rect)',
  ),
  SendTextMessage: win32Function<(window: Win32Handle, message: number, w: number, l: Uint8Array) => number>(
    'user32.dll',
    'intptr_t __stdcall SendMessageW(intptr_t window, uint32_t message, uintptr_t w, _Out_ uint8_t *l)',
  ),
  SendPlainMessage: win32Function<(window: Win32Handle, message: number, w: number, l: number) => number>(
    'user32.dll',
    'intptr_t __stdcall SendMessageW(intptr_t window, uint32_t message, uintptr_t w, intptr_t l)',
  ),
  SendStringMessage: win32Function<(window: Win32Handle, message: number, w: number, l: string) => number>(
    'user32.dll',
    'intptr_t __stdcall SendMessageW(intptr_t window, uint32_t message, uintptr_t w, const char16_t *l)',
  ),
  GetAsyncKeyState: win32Function<(vk: number) => number>('user32.dll', 'int16_t __stdcall GetAsyncKeyState(int vk)'),
  GetForegroundWindow: win32Function<() => Win32Handle>('user32.dll', 'intptr_t __stdcall GetForegroundWindow()'),
  MoveWindow: win32Function<
    (window: Win32Handle, x: number, y: number, width: number, height: number, repaint: boolean) => boolean
  >('user32.dll', 'bool __stdcall MoveWindow(intptr_t window, int x, int y, int width, int height, bool repaint)'),
  UpdateWindow: win32Function<(window: Win32Handle) => boolean>(
    'user32.dll',
    'bool __stdcall UpdateWindow(intptr_t window)',
  ),
}));

/** notepad's main window and its edit control, or `undefined` while it is not there. */
export function findNotepad(): { window: Win32Handle; edit: Win32Handle } | undefined {
  const { FindWindowW, FindWindowExW } = user32();
  const window = FindWindowW('Notepad', null);
  if (window === 0) return undefined;
  const edit = FindWindowExW(window, 0, 'Edit', null);
  return edit === 0 ? undefined : { window, edit };
}

/** Screen rectangle of a window. */
export function windowRect(window: Win32Handle): { left: number; top: number; right: number; bottom: number } {
  const bytes = new Uint8Array(16);
  user32().GetWindowRect(window, bytes);
  const view = new DataView(bytes.buffer);
  return {
    left: view.getInt32(0, true),
    top: view.getInt32(4, true),
    right: view.getInt32(8, true),
    bottom: view.getInt32(12, true),
  };
}

/** A window's text (`WM_GETTEXT`, marshalled across processes). */
export function windowText(window: Win32Handle): string {
  const buffer = new Uint8Array(8192);
  const length = Number(user32().SendTextMessage(window, WM_GETTEXT, 4096, buffer));
  return Buffer.from(buffer.buffer, 0, length * 2).toString('utf16le');
}

/** Replaces a window's text (`WM_SETTEXT`). */
export function setWindowText(window: Win32Handle, text: string): void {
  user32().SendStringMessage(window, WM_SETTEXT, 0, text);
}

/** Selection of an edit control (`EM_GETSEL`). */
export function editSelection(edit: Win32Handle): { start: number; end: number } {
  const packed = Number(user32().SendPlainMessage(edit, EM_GETSEL, 0, 0));
  return { start: packed & 0xffff, end: (packed >>> 16) & 0xffff };
}

/** Whether a key or mouse button is down now (`GetAsyncKeyState`). */
export function isDown(vk: number): boolean {
  return (user32().GetAsyncKeyState(vk) & 0x8000) !== 0;
}

/** Moves and resizes a window and paints it at once. */
export function moveWindow(window: Win32Handle, x: number, y: number, width: number, height: number): void {
  user32().MoveWindow(window, x, y, width, height, true);
  user32().UpdateWindow(window);
}

/** @returns the foreground window */
export function foregroundWindow(): Win32Handle {
  return user32().GetForegroundWindow();
}

/**
 * Polls a condition every 50 ms until it holds or the time is up.
 *
 * @returns whether it held
 */
export async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return condition();
}
