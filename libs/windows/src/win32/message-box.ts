import { win32Function } from './library';

const MB_OK = 0x0;
const MB_ICONERROR = 0x10;
const MB_SETFOREGROUND = 0x10000;

/**
 * Shows a modal error message box (user32 `MessageBoxW`) and waits until it is closed: for
 * errors a program without a console must still tell the customer about.
 *
 * @param title - the box's title
 * @param text - the message
 */
export function showErrorBox(title: string, text: string): void {
  const messageBox = win32Function<(owner: number, text: string, title: string, type: number) => number>(
    'user32.dll',
    'int __stdcall MessageBoxW(intptr_t owner, const char16_t *text, const char16_t *title, uint32_t type)',
  );
  messageBox(0, text, title, MB_OK | MB_ICONERROR | MB_SETFOREGROUND);
}
