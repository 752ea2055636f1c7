/**
 * Stable error codes of `@fernhilfe/crypto`. A code keeps its meaning forever; callers
 * and tests match on `code`, never on message text.
 */
export const CryptoErrorCode = {
  /** An argument given by the caller is outside what the API accepts. */
  INVALID_ARGUMENT: 'CRYPTO_INVALID_ARGUMENT',
  /** The guest's ephemeral key does not match the commitment it sent first. */
  BAD_COMMITMENT: 'CRYPTO_BAD_COMMITMENT',
  /** A peer's X25519 public key is of low order (the shared secret would be fixed). */
  LOW_ORDER_KEY: 'CRYPTO_LOW_ORDER_KEY',
  /** Authentication failed: the message was altered, replayed, reordered, reflected or dropped before. */
  DECRYPT_FAILED: 'CRYPTO_DECRYPT_FAILED',
  /** A plaintext, handshake message or frame is longer than the protocol allows. */
  MESSAGE_TOO_LARGE: 'CRYPTO_MESSAGE_TOO_LARGE',
  /** A well-formed message of a kind that is not expected at this point. */
  OUT_OF_ORDER: 'CRYPTO_OUT_OF_ORDER',
  /** The channel was closed (by this side or by the peer's authenticated close). */
  CLOSED: 'CRYPTO_CLOSED',
  /** A handshake method was called twice, out of order, or after a failure. */
  HANDSHAKE_STATE: 'CRYPTO_HANDSHAKE_STATE',
  /** A message is too short, has an unknown kind or otherwise cannot be parsed. */
  MALFORMED_MESSAGE: 'CRYPTO_MALFORMED_MESSAGE',
  /** A message carries a protocol version this side does not speak. */
  UNSUPPORTED_VERSION: 'CRYPTO_UNSUPPORTED_VERSION',
  /** The channel failed earlier and refuses to go on. */
  CHANNEL_FAILED: 'CRYPTO_CHANNEL_FAILED',
  /** The underlying transport ended before the peer's authenticated close arrived. */
  TRUNCATED: 'CRYPTO_TRUNCATED',
  /** The per-direction message counter reached its limit (2⁵³ − 1 messages). */
  NONCE_EXHAUSTED: 'CRYPTO_NONCE_EXHAUSTED',
} as const;

/** One of the stable codes in {@link CryptoErrorCode}. */
export type CryptoErrorCode = (typeof CryptoErrorCode)[keyof typeof CryptoErrorCode];

/**
 * Base class of every error `@fernhilfe/crypto` throws on purpose.
 *
 * @example
 * ```ts
 * try { … } catch (error) {
 *   if (error instanceof CryptoError && error.code === CryptoErrorCode.DECRYPT_FAILED) { … }
 * }
 * ```
 */
export class CryptoError extends Error {
  /** Stable, machine-readable code from {@link CryptoErrorCode}. */
  readonly code: CryptoErrorCode;

  /**
   * @param code - stable code of the failure
   * @param message - human-readable detail for logs (not for matching)
   * @param options - standard `ErrorOptions`, e.g. the underlying `cause`
   */
  constructor(code: CryptoErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'CryptoError';
    this.code = code;
  }
}

/**
 * A failure while establishing the channel: bad commitment, low-order key, a handshake
 * message that does not parse or authenticate, or a method called out of order.
 */
export class HandshakeError extends CryptoError {
  /**
   * @param code - stable code of the failure
   * @param message - human-readable detail for logs (not for matching)
   * @param options - standard `ErrorOptions`, e.g. the underlying `cause`
   */
  constructor(code: CryptoErrorCode, message: string, options?: ErrorOptions) {
    super(code, message, options);
    this.name = 'HandshakeError';
  }
}

/**
 * A failure of an established channel: a frame that does not authenticate or parse, a
 * plaintext over the limit, use after close, or use after an earlier failure.
 */
export class ChannelError extends CryptoError {
  /**
   * @param code - stable code of the failure
   * @param message - human-readable detail for logs (not for matching)
   * @param options - standard `ErrorOptions`, e.g. the underlying `cause`
   */
  constructor(code: CryptoErrorCode, message: string, options?: ErrorOptions) {
    super(code, message, options);
    this.name = 'ChannelError';
  }
}
