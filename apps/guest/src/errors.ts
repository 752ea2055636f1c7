/**
 * Stable error codes of `@fernhilfe/guest`. A code keeps its meaning forever; callers and
 * tests match on `code`, never on message text.
 */
export const GuestErrorCode = {
  /** A single-executable guest module carries no `config.json` asset (it was not built by `build:guest-modules`). */
  BAKED_CONFIG_MISSING: 'GUEST_BAKED_CONFIG_MISSING',
  /** The baked `config.json` (or a relay URL given to the module build) is not valid. */
  BAKED_CONFIG_INVALID: 'GUEST_BAKED_CONFIG_INVALID',
  /** A command-line option of `fernhilfe-guest` is unknown, or its value is malformed. */
  CLI_INVALID_OPTION: 'GUEST_CLI_INVALID_OPTION',
  /** `fernhilfe-guest` runs from a checkout whose guest is not built yet (`bin/fernhilfe-guest.mjs` prints it). */
  CLI_NOT_BUILT: 'GUEST_CLI_NOT_BUILT',
  /** The browser guest's encoder worker failed or reported an error for a frame. */
  ENCODER_FAILED: 'GUEST_ENCODER_FAILED',
  /** The support page's `index.html` lacks an element the page script needs. */
  PAGE_INCOMPLETE: 'GUEST_PAGE_INCOMPLETE',
} as const;

/** One of the stable codes in {@link GuestErrorCode}. */
export type GuestErrorCode = (typeof GuestErrorCode)[keyof typeof GuestErrorCode];

/**
 * Base class of every error `@fernhilfe/guest` throws on purpose.
 *
 * @example
 * ```ts
 * try { readBakedConfig(); } catch (error) {
 *   if (error instanceof GuestError && error.code === GuestErrorCode.BAKED_CONFIG_MISSING) { … }
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
