import { CryptoErrorCode, HandshakeError } from './errors';
import { PROTOCOL_VERSION } from './wire';

/** Options shared by both sides of the Fernhilfe handshake. */
export interface HandshakeOptions {
  /** Session id the relay gave both sides (1–255 UTF-8 bytes); bound into the prologue. */
  sessionId: string;
  /**
   * Protocol version bound into the prologue and every message header. Only
   * {@link PROTOCOL_VERSION} exists today.
   *
   * @defaultValue {@link PROTOCOL_VERSION}
   */
  protocolVersion?: number;
}

/**
 * Checks the protocol version option.
 *
 * @throws {@link HandshakeError} `CRYPTO_UNSUPPORTED_VERSION`
 */
export function resolveProtocolVersion(version: unknown): number {
  if (version === undefined || version === PROTOCOL_VERSION) return PROTOCOL_VERSION;
  throw new HandshakeError(CryptoErrorCode.UNSUPPORTED_VERSION, 'unsupported protocol version');
}
