import { foregroundOwner } from './foreground-window';
import { lazyBinding, win32Function } from './library';

const user32 = lazyBinding(() => ({
  GetKeyboardLayout: win32Function<(thread: number) => number>(
    'user32.dll',
    'intptr_t __stdcall GetKeyboardLayout(uint32_t thread)',
  ),
  VkKeyScanExW: win32Function<(char: number, layout: number) => number>(
    'user32.dll',
    'int16_t __stdcall VkKeyScanExW(uint16_t ch, intptr_t layout)',
  ),
}));

/**
 * Where a character sits on the keyboard layout of the window the customer is typing in
 * (the foreground thread's layout, which may differ from ours).
 *
 * @param char - one UTF-16 code unit
 * @returns the virtual-key code, or `undefined` when the layout has no key for it
 */
export function virtualKeyOnForegroundLayout(char: number): number | undefined {
  const { GetKeyboardLayout, VkKeyScanExW } = user32();
  const layout = GetKeyboardLayout(foregroundOwner().thread);
  const result = VkKeyScanExW(char, layout);
  // Low byte: the virtual key; -1 in both bytes when no key produces the character.
  return result === -1 ? undefined : result & 0xff;
}
