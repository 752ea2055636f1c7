import { aeadOpen, aeadSeal } from '#aead';
import { ChannelError, CryptoErrorCode } from '../errors';

/** ChaCha20-Poly1305 tag length in bytes. */
export const TAG_LENGTH = 16;
/** Length of a ChaCha20-Poly1305 key (Noise: 32 bytes). */
export const KEY_LENGTH = 32;
/**
 * Largest counter this implementation uses. Noise reserves 2⁶⁴ − 1 for REKEY; a JavaScript
 * number counts exactly to 2⁵³ − 1, which no session reaches.
 */
export const MAX_NONCE = Number.MAX_SAFE_INTEGER;

const EMPTY = new Uint8Array(0);
const REKEY_NONCE = Uint8Array.of(0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff);

/**
 * Noise ChaChaPoly nonce: 32 zero bits then the 64-bit counter, little-endian (Noise rev 34
 * §12.3), written into `target` (12 bytes, reused per cipher state) and returned.
 */
export function encodeNonce(counter: number, target: Uint8Array = new Uint8Array(12)): Uint8Array {
  const low = counter >>> 0;
  const high = Math.floor(counter / 0x1_0000_0000) >>> 0;
  target[4] = low & 0xff;
  target[5] = (low >>> 8) & 0xff;
  target[6] = (low >>> 16) & 0xff;
  target[7] = low >>> 24;
  target[8] = high & 0xff;
  target[9] = (high >>> 8) & 0xff;
  target[10] = (high >>> 16) & 0xff;
  target[11] = high >>> 24;
  return target;
}

/** Noise CipherState (rev 34 §5.1): a key and a counter nonce that is never sent. */
export class CipherState {
  #key: Uint8Array | undefined;
  #nonce = 0;
  // Both AEAD back ends read the nonce before returning, so one buffer serves every message.
  readonly #nonceBytes = new Uint8Array(12);

  constructor(key?: Uint8Array) {
    this.#key = key;
  }

  /** InitializeKey(key): sets the key and resets the counter. */
  initializeKey(key: Uint8Array): void {
    this.#key = key;
    this.#nonce = 0;
  }

  /** HasKey(). */
  hasKey(): boolean {
    return this.#key !== undefined;
  }

  /** The counter the next message will use. */
  get nonce(): number {
    return this.#nonce;
  }

  /**
   * EncryptWithAd(ad, plaintext); the identity while no key is set. With `output`
   * (`plaintext.length + 16` bytes) the ciphertext is written there instead of a new array.
   */
  encryptWithAd(ad: Uint8Array, plaintext: Uint8Array, output?: Uint8Array): Uint8Array {
    if (this.#key === undefined) return plaintext.slice();
    if (this.#nonce >= MAX_NONCE) throw new ChannelError(CryptoErrorCode.NONCE_EXHAUSTED, 'message counter exhausted');
    const sealed = aeadSeal(this.#key, encodeNonce(this.#nonce, this.#nonceBytes), ad, plaintext, output);
    this.#nonce++;
    return sealed;
  }

  /**
   * DecryptWithAd(ad, ciphertext); the identity while no key is set. The counter only
   * advances on success.
   *
   * @throws {@link ChannelError} `CRYPTO_DECRYPT_FAILED`
   */
  decryptWithAd(ad: Uint8Array, ciphertext: Uint8Array): Uint8Array {
    if (this.#key === undefined) return ciphertext.slice();
    if (this.#nonce >= MAX_NONCE) throw new ChannelError(CryptoErrorCode.NONCE_EXHAUSTED, 'message counter exhausted');
    const plaintext = aeadOpen(this.#key, encodeNonce(this.#nonce, this.#nonceBytes), ad, ciphertext);
    if (plaintext === undefined)
      throw new ChannelError(CryptoErrorCode.DECRYPT_FAILED, 'message authentication failed');
    this.#nonce++;
    return plaintext;
  }

  /** Rekey(): k = first 32 bytes of ENCRYPT(k, 2⁶⁴ − 1, ε, zeros) (Noise rev 34 §4.2, §11.3). */
  rekey(): void {
    if (this.#key === undefined) return;
    this.#key = aeadSeal(this.#key, REKEY_NONCE, EMPTY, new Uint8Array(KEY_LENGTH)).subarray(0, KEY_LENGTH);
  }
}
