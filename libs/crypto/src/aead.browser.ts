import { chacha20poly1305 } from '@noble/ciphers/chacha.js';

// ChaCha20-Poly1305 (RFC 8439 §2.8) in pure TypeScript; chosen by the `#aead` import in browsers.
const TAG_LENGTH = 16;

/** A byte array for a frame that the caller overwrites completely. */
export function allocateFrame(length: number): Uint8Array {
  return new Uint8Array(length);
}

/**
 * Encrypts `plaintext` into `output` (exactly `plaintext.length + 16` bytes, may be a view
 * into a larger frame, and may start where `plaintext` starts: encryption in place) as
 * ciphertext ‖ tag, and returns `output`. Key 32 bytes, nonce 12 bytes.
 */
export function aeadSeal(
  key: Uint8Array,
  nonce: Uint8Array,
  ad: Uint8Array,
  plaintext: Uint8Array,
  output: Uint8Array = new Uint8Array(plaintext.length + TAG_LENGTH),
): Uint8Array {
  return chacha20poly1305(key, nonce, ad).encrypt(plaintext, output);
}

/** Decrypts ciphertext ‖ tag; returns the plaintext, or `undefined` when authentication fails. */
export function aeadOpen(
  key: Uint8Array,
  nonce: Uint8Array,
  ad: Uint8Array,
  sealed: Uint8Array,
): Uint8Array | undefined {
  if (sealed.length < TAG_LENGTH) return undefined;
  try {
    return chacha20poly1305(key, nonce, ad).decrypt(sealed);
  } catch {
    return undefined;
  }
}
