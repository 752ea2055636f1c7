/**
 * Stable error codes of `@fernhilfe/session`. A code keeps its meaning forever; callers
 * and tests match on `code`, never on message text.
 */
export const SessionErrorCode = {
  /** An argument given by the caller is outside what the API accepts. */
  INVALID_ARGUMENT: 'SESSION_INVALID_ARGUMENT',

  /** A typed session number has fewer than 8 digits. */
  NUMBER_TOO_SHORT: 'SESSION_NUMBER_TOO_SHORT',
  /** A typed session number has more than 8 digits. */
  NUMBER_TOO_LONG: 'SESSION_NUMBER_TOO_LONG',
  /** A typed session number contains something other than digits, spaces and dashes. */
  NUMBER_NOT_DIGITS: 'SESSION_NUMBER_NOT_DIGITS',
  /** The Damm check digit does not match: probably a typo. */
  NUMBER_CHECK_DIGIT_WRONG: 'SESSION_NUMBER_CHECK_DIGIT_WRONG',
  /** No free session number was found within the allowed attempts. */
  NUMBER_SPACE_EXHAUSTED: 'SESSION_NUMBER_SPACE_EXHAUSTED',

  /** A lifecycle transition that the transition table does not allow. */
  ILLEGAL_TRANSITION: 'SESSION_ILLEGAL_TRANSITION',
  /** An end reason that is not allowed from the current state. */
  ILLEGAL_END_REASON: 'SESSION_ILLEGAL_END_REASON',

  /** The registry holds as many live sessions as its limit allows. */
  REGISTRY_FULL: 'SESSION_REGISTRY_FULL',

  /** An audit record is malformed (unknown type, missing field, not serialisable). */
  AUDIT_INVALID_RECORD: 'SESSION_AUDIT_INVALID_RECORD',
  /** An audit record is larger than the store accepts. */
  AUDIT_RECORD_TOO_LARGE: 'SESSION_AUDIT_RECORD_TOO_LARGE',
  /** The audit store was closed; no further appends are accepted. */
  AUDIT_CLOSED: 'SESSION_AUDIT_CLOSED',
  /** Writing or syncing the audit log failed; the store refuses further appends. */
  AUDIT_WRITE_FAILED: 'SESSION_AUDIT_WRITE_FAILED',
  /** The audit log's hash chain is broken (tampering or corruption). */
  AUDIT_CHAIN_BROKEN: 'SESSION_AUDIT_CHAIN_BROKEN',
  /** The audit log could not be opened, read or recovered (missing directory, permissions, I/O). */
  AUDIT_OPEN_FAILED: 'SESSION_AUDIT_OPEN_FAILED',
  /** The audit key is unreadable, not hex or base64, or shorter than 32 bytes. */
  AUDIT_KEY_INVALID: 'SESSION_AUDIT_KEY_INVALID',
  /** The audit log is keyed with another key than the one given, or keyed while no key was given. */
  AUDIT_KEY_MISMATCH: 'SESSION_AUDIT_KEY_MISMATCH',
  /** An audit anchor is unreadable or malformed. */
  AUDIT_ANCHOR_INVALID: 'SESSION_AUDIT_ANCHOR_INVALID',
  /** Another process holds the audit log's lock (`<file>.lock` names it); only one may write a log. */
  AUDIT_LOCKED: 'SESSION_AUDIT_LOCKED',
  /** Sealing was asked for a log whose chain verifies: there is no break to recover from. */
  AUDIT_CHAIN_INTACT: 'SESSION_AUDIT_CHAIN_INTACT',
} as const;

/** One of the stable codes in {@link SessionErrorCode}. */
export type SessionErrorCode = (typeof SessionErrorCode)[keyof typeof SessionErrorCode];

/**
 * Base class of every error `@fernhilfe/session` throws on purpose.
 *
 * @example
 * ```ts
 * try { … } catch (error) {
 *   if (error instanceof SessionError && error.code === SessionErrorCode.INVALID_ARGUMENT) { … }
 * }
 * ```
 */
export class SessionError extends Error {
  /** Stable, machine-readable code from {@link SessionErrorCode}. */
  readonly code: SessionErrorCode;

  /**
   * @param code - stable code of the failure
   * @param message - human-readable detail for logs (not for matching)
   * @param options - standard `ErrorOptions`, e.g. the underlying `cause`
   */
  constructor(code: SessionErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SessionError';
    this.code = code;
  }
}

/** A typed session number is malformed; `code` says how (`SESSION_NUMBER_*`). */
export class SessionNumberError extends SessionError {
  /**
   * @param code - one of the `SESSION_NUMBER_*` codes
   * @param message - human-readable detail for logs
   */
  constructor(code: SessionErrorCode, message: string) {
    super(code, message);
    this.name = 'SessionNumberError';
  }
}

/** A lifecycle transition or end reason outside the transition table. */
export class SessionTransitionError extends SessionError {
  /**
   * @param code - `SESSION_ILLEGAL_TRANSITION` or `SESSION_ILLEGAL_END_REASON`
   * @param message - human-readable detail for logs
   */
  constructor(code: SessionErrorCode, message: string) {
    super(code, message);
    this.name = 'SessionTransitionError';
  }
}

/** The audit log refused or failed an operation (`SESSION_AUDIT_*`). */
export class AuditError extends SessionError {
  /**
   * @param code - one of the `SESSION_AUDIT_*` codes
   * @param message - human-readable detail for logs
   * @param options - standard `ErrorOptions`, e.g. the underlying I/O `cause`
   */
  constructor(code: SessionErrorCode, message: string, options?: ErrorOptions) {
    super(code, message, options);
    this.name = 'AuditError';
  }
}
