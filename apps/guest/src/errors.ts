/**
 * Stable error codes of `@fernhilfe/guest`. A code keeps its meaning forever; callers and
 * tests match on `code`, never on message text.
 */
export const GuestErrorCode = {
  /** An argument given by the caller is outside what the API accepts. */
  INVALID_ARGUMENT: 'GUEST_INVALID_ARGUMENT',
  /** No display was named (`--display` / `$DISPLAY`) or the name cannot be parsed. */
  DISPLAY_INVALID: 'GUEST_DISPLAY_INVALID',
  /** The X server could not be reached or refused the connection (missing, not running, no access). */
  DISPLAY_UNAVAILABLE: 'GUEST_DISPLAY_UNAVAILABLE',
  /** The connection to the X server ended while it was in use. */
  DISPLAY_LOST: 'GUEST_DISPLAY_LOST',
  /** The X server lacks an extension the guest needs (XTEST, XFIXES, DAMAGE). */
  EXTENSION_MISSING: 'GUEST_EXTENSION_MISSING',
  /** The screen's pixel layout is not 32-bit little-endian TrueColor (BGRX), which capture requires. */
  UNSUPPORTED_PIXEL_FORMAT: 'GUEST_UNSUPPORTED_PIXEL_FORMAT',
  /** The X server rejected a request or answered with something unusable. */
  X11_REQUEST_FAILED: 'GUEST_X11_REQUEST_FAILED',
  /** A key event names a key that the server's keyboard mapping cannot produce. */
  KEY_UNMAPPED: 'GUEST_KEY_UNMAPPED',
  /** The object was closed and cannot be used any more. */
  CLOSED: 'GUEST_CLOSED',
  /** A single-executable guest module carries no `config.json` asset (it was not built by `build:guest-modules`). */
  BAKED_CONFIG_MISSING: 'GUEST_BAKED_CONFIG_MISSING',
  /** The baked `config.json` (or a relay URL given to the module build) is not valid. */
  BAKED_CONFIG_INVALID: 'GUEST_BAKED_CONFIG_INVALID',
} as const;

/** One of the stable codes in {@link GuestErrorCode}. */
export type GuestErrorCode = (typeof GuestErrorCode)[keyof typeof GuestErrorCode];

/**
 * Base class of every error `@fernhilfe/guest` throws on purpose.
 *
 * @example
 * ```ts
 * try { await connectDisplay({ display: ':0' }); } catch (error) {
 *   if (error instanceof GuestError && error.code === GuestErrorCode.DISPLAY_UNAVAILABLE) { … }
 * }
 * ```
 */
export class GuestError extends Error {
  /** Stable, machine-readable code from {@link GuestErrorCode}. */
  readonly code: GuestErrorCode;

  /**
   * @param code - stable code of the failure
   * @param message - human-readable detail for logs (not for matching)
   * @param options - standard `ErrorOptions`, e.g. the underlying `cause`
   */
  constructor(code: GuestErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'GuestError';
    this.code = code;
  }
}
