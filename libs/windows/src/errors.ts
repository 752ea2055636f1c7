/**
 * Stable error codes of `@fernhilfe/windows`. A code keeps its meaning forever; callers and
 * tests match on `code`, never on message text.
 */
export const WindowsErrorCode = {
  // The desktop: capture and input (src/desktop).
  /** An argument given by the caller is outside what the API accepts (non-finite coordinate, malformed key). */
  INVALID_ARGUMENT: 'WINDOWS_INVALID_ARGUMENT',
  /** A key event names a key that neither the key table nor the customer's layout can produce. */
  KEY_UNMAPPED: 'WINDOWS_KEY_UNMAPPED',
  /** A Win32 call the desktop needs failed (no screen DC, DIB section refused, BitBlt failed). */
  WIN32_CALL_FAILED: 'WINDOWS_WIN32_CALL_FAILED',
  /** The virtual screen is larger than the configured limit, so no buffer is allocated for it. */
  LIMIT_EXCEEDED: 'WINDOWS_LIMIT_EXCEEDED',
  /** The object was closed and cannot be used any more. */
  CLOSED: 'WINDOWS_CLOSED',
  // The Win32 UI layer (src/ui).
  /** A window option is outside what the UI layer accepts (negative size, empty title, …). */
  UI_INVALID_ARGUMENT: 'WINDOWS_UI_INVALID_ARGUMENT',
  /** The window (or the control's window) was closed; it cannot be used any more. */
  UI_WINDOW_CLOSED: 'WINDOWS_UI_WINDOW_CLOSED',
  /** The control was removed from its window (the window shows other controls now). */
  UI_CONTROL_REMOVED: 'WINDOWS_UI_CONTROL_REMOVED',
  /** The UI was disposed; it opens no more windows. */
  UI_DISPOSED: 'WINDOWS_UI_DISPOSED',
  /** Windows refused to create a window class, window, control or font. */
  UI_WIN32_FAILED: 'WINDOWS_UI_WIN32_FAILED',
} as const;

/** One of the stable codes in {@link WindowsErrorCode}. */
export type WindowsErrorCode = (typeof WindowsErrorCode)[keyof typeof WindowsErrorCode];

/**
 * Base class of every error `@fernhilfe/windows` throws on purpose.
 *
 * @example
 * ```ts
 * try { desktop.pointer?.move(x, y); } catch (error) {
 *   if (error instanceof WindowsError && error.code === WindowsErrorCode.INVALID_ARGUMENT) dropped++;
 * }
 * ```
 */
export class WindowsError extends Error {
  /** Stable, machine-readable code from {@link WindowsErrorCode}. */
  readonly code: WindowsErrorCode;

  /**
   * @param code - stable code of the failure
   * @param message - human-readable detail for logs (not for matching)
   * @param options - standard `ErrorOptions`, e.g. the underlying `cause`
   */
  constructor(code: WindowsErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'WindowsError';
    this.code = code;
  }
}
