import { x25519 } from '@noble/curves/ed25519.js';
import { CryptoErrorCode, HandshakeError } from '../errors';

/** Length in bytes of an X25519 public key, secret key and shared secret (Noise DHLEN). */
export const DH_LENGTH = 32;

/** An X25519 key pair. */
export interface KeyPair {
  readonly publicKey: Uint8Array;
  readonly secretKey: Uint8Array;
}

/** A fresh X25519 key pair from the platform CSPRNG (Noise GENERATE_KEYPAIR). */
export function generateKeyPair(): KeyPair {
  return keyPairFromSecret(x25519.utils.randomSecretKey());
}

/** The key pair of a given 32-byte secret key (used to replay published vectors). */
export function keyPairFromSecret(secretKey: Uint8Array): KeyPair {
  return Object.freeze({ publicKey: x25519.getPublicKey(secretKey), secretKey });
}

/**
 * Noise DH(key_pair, public_key): X25519 (RFC 7748 §5). Low-order public keys, whose
 * shared secret would not depend on our secret, are rejected.
 *
 * @throws {@link HandshakeError} `CRYPTO_LOW_ORDER_KEY`
 */
export function dh(keyPair: KeyPair, publicKey: Uint8Array): Uint8Array {
  if (publicKey.length !== DH_LENGTH)
    throw new HandshakeError(CryptoErrorCode.MALFORMED_MESSAGE, 'public key must be 32 bytes');
  let shared: Uint8Array;
  try {
    shared = x25519.getSharedSecret(keyPair.secretKey, publicKey);
  } catch (cause) {
    throw new HandshakeError(CryptoErrorCode.LOW_ORDER_KEY, 'peer public key is of low order', { cause });
  }
  let bits = 0;
  for (const byte of shared) bits |= byte;
  if (bits === 0) throw new HandshakeError(CryptoErrorCode.LOW_ORDER_KEY, 'shared secret is zero');
  return shared;
}
