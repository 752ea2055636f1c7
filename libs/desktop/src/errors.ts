/**
 * Stable error codes of `@fernhilfe/desktop`. A code keeps its meaning forever; callers and
 * tests match on `code`, never on message text. The call underneath throws `@fernhilfe/session`'s
 * `SessionError`, a platform layer its own errors (`X11Error`, …).
 */
export const DesktopErrorCode = {
  /** An option given by the caller is outside what the API accepts. */
  INVALID_ARGUMENT: 'DESKTOP_INVALID_ARGUMENT',
} as const;

/** One of the stable codes in {@link DesktopErrorCode}. */
export type DesktopErrorCode = (typeof DesktopErrorCode)[keyof typeof DesktopErrorCode];

/**
 * Base class of every error `@fernhilfe/desktop` throws on purpose.
 *
 * @example
 * ```ts
 * try { createCustomerFlow(options); } catch (error) {
 *   if (error instanceof DesktopError && error.code === DesktopErrorCode.INVALID_ARGUMENT) { … }
 * }
 * ```
 */
export class DesktopError extends Error {
  /** Stable, machine-readable code from {@link DesktopErrorCode}. */
  readonly code: DesktopErrorCode;

  /**
   * @param code - stable code of the failure
   * @param message - human-readable detail for logs (not for matching)
   */
  constructor(code: DesktopErrorCode, message: string) {
    super(message);
    this.name = 'DesktopError';
    this.code = code;
  }
}

/**
 * Throws `DESKTOP_INVALID_ARGUMENT` unless `check` holds.
 *
 * @param check - the condition the argument must meet
 * @param what - the argument and what it must be, for the message
 */
export function requireArgument(check: boolean, what: string): asserts check {
  if (!check) throw new DesktopError(DesktopErrorCode.INVALID_ARGUMENT, what);
}
