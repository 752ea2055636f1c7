/**
 * Stable error codes of `@fernhilfe/call`. A code keeps its meaning forever; callers and tests
 * match on `code`, never on message text.
 */
export const CallErrorCode = {
  /** An argument given by the caller is outside what the API accepts. */
  INVALID_ARGUMENT: 'CALL_INVALID_ARGUMENT',

  /** A support-protocol message ends before its fields do. */
  MESSAGE_TRUNCATED: 'CALL_MESSAGE_TRUNCATED',
  /** A support-protocol message (or one of its parts) exceeds a configured limit. */
  MESSAGE_TOO_LARGE: 'CALL_MESSAGE_TOO_LARGE',
  /** A support-protocol message carries a type number this version does not know. */
  MESSAGE_UNKNOWN_TYPE: 'CALL_MESSAGE_UNKNOWN_TYPE',
  /** A support-protocol field is outside its allowed range. */
  MESSAGE_INVALID_FIELD: 'CALL_MESSAGE_INVALID_FIELD',
  /** Bytes remain after the last field of a support-protocol message. */
  MESSAGE_TRAILING_BYTES: 'CALL_MESSAGE_TRAILING_BYTES',

  /** A call method was used in a state where it is not allowed (e.g. sending a frame before consent). */
  STATE: 'CALL_STATE',
  /** The peer sent a message the support protocol does not allow in the call's state. */
  PROTOCOL: 'CALL_PROTOCOL',
  /** A screen update is larger than the receiver's limit. */
  FRAME_TOO_LARGE: 'CALL_FRAME_TOO_LARGE',
} as const;

/** One of the stable codes in {@link CallErrorCode}. */
export type CallErrorCode = (typeof CallErrorCode)[keyof typeof CallErrorCode];

/**
 * Base class of every error `@fernhilfe/call` throws on purpose.
 *
 * @example
 * ```ts
 * try { await call.sendFrame(update); } catch (error) {
 *   if (error instanceof CallError && error.code === CallErrorCode.STATE) { … }
 * }
 * ```
 */
export class CallError extends Error {
  /** Stable, machine-readable code from {@link CallErrorCode}. */
  readonly code: CallErrorCode;

  /**
   * @param code - stable code of the failure
   * @param message - human-readable detail for logs (not for matching)
   * @param options - standard `ErrorOptions`, e.g. the underlying `cause`
   */
  constructor(code: CallErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'CallError';
    this.code = code;
  }
}

/** A support-protocol message could not be encoded or decoded (`CALL_MESSAGE_*`). */
export class CallProtocolError extends CallError {
  /**
   * @param code - one of the `CALL_MESSAGE_*` codes
   * @param message - human-readable detail for logs
   */
  constructor(code: CallErrorCode, message: string) {
    super(code, message);
    this.name = 'CallProtocolError';
  }
}
