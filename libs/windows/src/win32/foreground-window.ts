import { lazyBinding, type Win32Handle, win32Function } from './library';

const user32 = lazyBinding(() => ({
  GetForegroundWindow: win32Function<() => Win32Handle>('user32.dll', 'intptr_t __stdcall GetForegroundWindow()'),
  GetWindowThreadProcessId: win32Function<(window: Win32Handle, pid: [number]) => number>(
    'user32.dll',
    'uint32_t __stdcall GetWindowThreadProcessId(intptr_t window, _Out_ uint32_t *pid)',
  ),
}));

/** Who owns the foreground window. */
export interface ForegroundOwner {
  /** The window's thread (0 when no window has the focus). */
  thread: number;
  /** The window's process (0 when no window has the focus). */
  process: number;
}

/** @returns the thread and process of the window the customer is working in */
export function foregroundOwner(): ForegroundOwner {
  const { GetForegroundWindow, GetWindowThreadProcessId } = user32();
  const window = GetForegroundWindow();
  if (window === 0) return { thread: 0, process: 0 };
  const pid: [number] = [0];
  const thread = GetWindowThreadProcessId(window, pid);
  return { thread, process: pid[0] };
}
