/**
 * Stable error codes of `@fernhilfe/x11`. A code keeps its meaning forever; callers and
 * tests match on `code`, never on message text.
 */
export const X11ErrorCode = {
  /** An argument given by the caller is outside what the API accepts. */
  INVALID_ARGUMENT: 'X11_INVALID_ARGUMENT',
  /** No display was named (`display` option / `$DISPLAY`) or the name cannot be parsed. */
  DISPLAY_INVALID: 'X11_DISPLAY_INVALID',
  /** The X server could not be reached or refused the connection (missing, not running, no access). */
  DISPLAY_UNAVAILABLE: 'X11_DISPLAY_UNAVAILABLE',
  /** The connection to the X server ended while it was in use. */
  DISPLAY_LOST: 'X11_DISPLAY_LOST',
  /** The X server lacks an extension that was demanded (MIT-SHM, XTEST, XFIXES, DAMAGE, XKB). */
  EXTENSION_MISSING: 'X11_EXTENSION_MISSING',
  /** The screen's pixel layout is not 32-bit little-endian TrueColor (BGRX), which capture requires. */
  UNSUPPORTED_PIXEL_FORMAT: 'X11_UNSUPPORTED_PIXEL_FORMAT',
  /** The X server rejected a request or answered with something unusable. */
  REQUEST_FAILED: 'X11_REQUEST_FAILED',
  /** A key event names a key that the server's keyboard mapping cannot produce. */
  KEY_UNMAPPED: 'X11_KEY_UNMAPPED',
  /** The object was closed and cannot be used any more. */
  CLOSED: 'X11_CLOSED',
} as const;

/** One of the stable codes in {@link X11ErrorCode}. */
export type X11ErrorCode = (typeof X11ErrorCode)[keyof typeof X11ErrorCode];

/**
 * Base class of every error `@fernhilfe/x11` throws on purpose.
 *
 * @example
 * ```ts
 * try { await openX11Desktop({ display: ':0' }); } catch (error) {
 *   if (error instanceof X11Error && error.code === X11ErrorCode.DISPLAY_UNAVAILABLE) { … }
 * }
 * ```
 */
export class X11Error extends Error {
  /** Stable, machine-readable code from {@link X11ErrorCode}. */
  readonly code: X11ErrorCode;

  /**
   * @param code - stable code of the failure
   * @param message - human-readable detail for logs (not for matching)
   * @param options - standard `ErrorOptions`, e.g. the underlying `cause`
   */
  constructor(code: X11ErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'X11Error';
    this.code = code;
  }
}
