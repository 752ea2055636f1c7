/**
 * Stable error codes of the relay's command-line programs (`fernhilfe-relay`, `fernhilfe-relay audit`). A
 * code keeps its meaning forever; tests match on `code`, never on message text.
 */
export const RelayCliErrorCode = {
  /** An option or environment variable is unknown, or its value is malformed or out of range. */
  INVALID_OPTION: 'RELAY_CLI_INVALID_OPTION',
  /** Options that go together are given alone, or options that exclude each other are given together. */
  CONFLICTING_OPTIONS: 'RELAY_CLI_CONFLICTING_OPTIONS',
  /** The agent token file holds no token, or a token shorter than 16 characters. */
  INVALID_TOKENS: 'RELAY_CLI_INVALID_TOKENS',
  /** The audit key file is unreadable, malformed or too short. */
  INVALID_AUDIT_KEY: 'RELAY_CLI_INVALID_AUDIT_KEY',
  /** A file named by an option does not exist. */
  MISSING_FILE: 'RELAY_CLI_MISSING_FILE',
  /** The state directory or audit file is not writable, not a directory/file, or owned by another user. */
  STATE_PATH_REFUSED: 'RELAY_CLI_STATE_PATH_REFUSED',
  /** Another relay holds the audit log (its lock names it). */
  AUDIT_LOCKED: 'RELAY_CLI_AUDIT_LOCKED',
  /** The audit log's chain is broken; `fernhilfe-relay audit seal FILE` recovers it. */
  AUDIT_CHAIN_BROKEN: 'RELAY_CLI_AUDIT_CHAIN_BROKEN',
  /** The command runs from a checkout whose relay is not built yet (`bin/fernhilfe-relay.mjs` prints it). */
  NOT_BUILT: 'RELAY_CLI_NOT_BUILT',
} as const;

/** One of the stable codes in {@link RelayCliErrorCode}. */
export type RelayCliErrorCode = (typeof RelayCliErrorCode)[keyof typeof RelayCliErrorCode];

/** Thrown for settings that make no sense; the program prints it with the usage hint and exits 2. */
export class CliUsageError extends Error {
  /** Stable, machine-readable code from {@link RelayCliErrorCode}. */
  readonly code: RelayCliErrorCode;

  /**
   * @param code - stable code of the failure
   * @param message - what to tell the operator (not for matching)
   * @param options - standard `ErrorOptions`, e.g. the underlying `cause`
   */
  constructor(code: RelayCliErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'CliUsageError';
    this.code = code;
  }
}
