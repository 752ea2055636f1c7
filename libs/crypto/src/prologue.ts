import { concatBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { CryptoErrorCode, HandshakeError } from './errors';

const PROLOGUE_LABEL = utf8ToBytes('fernhilfe/channel/v1');

/** Longest session id, in UTF-8 bytes, that fits the prologue's one-byte length. */
export const MAX_SESSION_ID_BYTES = 255;

/**
 * Encodes the relay's session id as UTF-8, 1–255 bytes.
 *
 * @throws {@link HandshakeError} `CRYPTO_INVALID_ARGUMENT`
 */
export function encodeSessionId(sessionId: unknown): Uint8Array {
  if (typeof sessionId !== 'string')
    throw new HandshakeError(CryptoErrorCode.INVALID_ARGUMENT, 'sessionId must be a string');
  const bytes = utf8ToBytes(sessionId);
  if (bytes.length === 0 || bytes.length > MAX_SESSION_ID_BYTES) {
    throw new HandshakeError(CryptoErrorCode.INVALID_ARGUMENT, 'sessionId must be 1–255 UTF-8 bytes');
  }
  return bytes;
}

/**
 * The Noise prologue both sides must agree on:
 * "fernhilfe/channel/v1" ‖ version (1 byte) ‖ len(sessionId) (1 byte) ‖ sessionId ‖ commitment (32 bytes).
 */
export function buildPrologue(protocolVersion: number, sessionId: Uint8Array, commitment: Uint8Array): Uint8Array {
  return concatBytes(PROLOGUE_LABEL, Uint8Array.of(protocolVersion, sessionId.length), sessionId, commitment);
}
