import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chacha20poly1305 } from '@noble/ciphers/chacha.js';

// The raw primitives the library is compared with: one seal and one open per call, same
// 2-byte associated data, fixed key and nonce (nonce reuse is harmless in a benchmark).
const key = new Uint8Array(randomBytes(32));
const nonce = new Uint8Array(12);
const header = Uint8Array.of(1, 0x10);

/** Seal + open with `node:crypto` (OpenSSL). */
export function nodeCryptoSealOpen(plaintext: Uint8Array): void {
  const cipher = createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: 16 });
  cipher.setAAD(header, { plaintextLength: plaintext.length });
  const ciphertext = cipher.update(plaintext);
  cipher.final();
  const tag = cipher.getAuthTag();
  const decipher = createDecipheriv('chacha20-poly1305', key, nonce, { authTagLength: 16 });
  decipher.setAAD(header, { plaintextLength: ciphertext.length });
  decipher.setAuthTag(tag);
  decipher.update(ciphertext);
  decipher.final();
}

/** Seal + open with `@noble/ciphers`. */
export function nobleSealOpen(plaintext: Uint8Array): void {
  const sealed = chacha20poly1305(key, nonce, header).encrypt(plaintext);
  chacha20poly1305(key, nonce, header).decrypt(sealed);
}
