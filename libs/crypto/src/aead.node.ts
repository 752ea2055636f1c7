import { createCipheriv, createDecipheriv } from 'node:crypto';

// ChaCha20-Poly1305 (RFC 8439 §2.8) through OpenSSL; chosen by the `#aead` import in Node.
const TAG_LENGTH = 16;

function asBytes(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/**
 * A byte array for a frame that the caller overwrites completely: not zero-filled and not
 * taken from Node's shared Buffer pool, so its `.buffer` holds nothing but the frame.
 */
export function allocateFrame(length: number): Uint8Array {
  return asBytes(Buffer.allocUnsafeSlow(length));
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
  const cipher = createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: TAG_LENGTH });
  cipher.setAAD(ad, { plaintextLength: plaintext.length });
  const head = cipher.update(plaintext);
  cipher.final();
  // A stream cipher returns every byte at once; anything else would leave output partly unwritten.
  if (head.length !== plaintext.length) throw new RangeError('chacha20-poly1305 returned a short ciphertext');
  output.set(head, 0);
  output.set(cipher.getAuthTag(), head.length);
  return output;
}

/** Decrypts ciphertext ‖ tag; returns the plaintext, or `undefined` when authentication fails. */
export function aeadOpen(
  key: Uint8Array,
  nonce: Uint8Array,
  ad: Uint8Array,
  sealed: Uint8Array,
): Uint8Array | undefined {
  if (sealed.length < TAG_LENGTH) return undefined;
  const bodyLength = sealed.length - TAG_LENGTH;
  const decipher = createDecipheriv('chacha20-poly1305', key, nonce, { authTagLength: TAG_LENGTH });
  decipher.setAAD(ad, { plaintextLength: bodyLength });
  decipher.setAuthTag(sealed.subarray(bodyLength));
  const plaintext = decipher.update(sealed.subarray(0, bodyLength));
  try {
    decipher.final();
  } catch {
    return undefined;
  }
  return asBytes(plaintext);
}
