/**
 * Stable error codes of the viewer. The relay-facing ones mirror the relay's error codes
 * so the UI can show a translated message for each.
 */
export const ViewerErrorCode = {
  /** The relay could not be reached (network, TLS, refused connection). */
  RELAY_UNREACHABLE: 'VIEWER_RELAY_UNREACHABLE',
  /** `getToken` threw, rejected or gave no token (not a non-empty string); no relay was contacted. */
  TOKEN_UNAVAILABLE: 'VIEWER_TOKEN_UNAVAILABLE',
  /** The relay rejected the agent token. */
  TOKEN_REJECTED: 'VIEWER_TOKEN_REJECTED',
  /** The relay does not know the session number. */
  UNKNOWN_NUMBER: 'VIEWER_UNKNOWN_NUMBER',
  /** The session number expired before a guest joined. */
  EXPIRED: 'VIEWER_EXPIRED',
  /** The relay refused the request because of its rate limits. */
  RATE_LIMITED: 'VIEWER_RATE_LIMITED',
  /** An option passed to `mountViewer` is missing or malformed. */
  INVALID_OPTION: 'VIEWER_INVALID_OPTION',
  /** A method was called in a state where it has no meaning (e.g. `requestControl` before live). */
  INVALID_STATE: 'VIEWER_INVALID_STATE',
  /** A screen update could not be decoded. */
  DECODE_FAILED: 'VIEWER_DECODE_FAILED',
  /** No relay connection is wired into this build yet. */
  NOT_CONNECTED: 'VIEWER_NOT_CONNECTED',
} as const;

/** One of the values of {@link ViewerErrorCode}. */
export type ViewerErrorCode = (typeof ViewerErrorCode)[keyof typeof ViewerErrorCode];

/** Every error the viewer raises or reports through `onStateChange`. */
export class ViewerError extends Error {
  override readonly name: string = 'ViewerError';
  /** Stable, machine-readable code; see {@link ViewerErrorCode}. */
  readonly code: ViewerErrorCode;

  /**
   * @param code - stable error code
   * @param message - human-readable detail for logs (never shown to the customer)
   * @param options - standard `cause`
   */
  constructor(code: ViewerErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/**
 * Narrows anything thrown to a {@link ViewerError}, wrapping unknown values with `fallback`.
 *
 * @param error - the thrown value
 * @param fallback - code for values that are not a `ViewerError`
 * @returns a `ViewerError`
 */
export function toViewerError(error: unknown, fallback: ViewerErrorCode): ViewerError {
  if (error instanceof ViewerError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ViewerError(fallback, message, { cause: error });
}
