import { CipherState } from './cipher-state';
import { HASH_LENGTH, hash, noiseHkdf } from './hash';

/** Noise SymmetricState (rev 34 §5.2): chaining key, handshake hash and a CipherState. */
export class SymmetricState {
  readonly #cipher = new CipherState();
  #chainingKey: Uint8Array;
  #hash: Uint8Array;

  /** InitializeSymmetric(protocol_name). */
  constructor(protocolName: string) {
    const name = new TextEncoder().encode(protocolName);
    if (name.length <= HASH_LENGTH) {
      this.#hash = new Uint8Array(HASH_LENGTH);
      this.#hash.set(name);
    } else {
      this.#hash = hash(name);
    }
    this.#chainingKey = this.#hash;
  }

  /** MixKey(input_key_material). */
  mixKey(inputKeyMaterial: Uint8Array): void {
    const [chainingKey, tempKey] = noiseHkdf(this.#chainingKey, inputKeyMaterial, 2) as [Uint8Array, Uint8Array];
    this.#chainingKey = chainingKey;
    this.#cipher.initializeKey(tempKey);
  }

  /** MixHash(data). */
  mixHash(data: Uint8Array): void {
    this.#hash = hash(this.#hash, data);
  }

  /** Whether a key has been mixed in (payloads are encrypted from then on). */
  hasKey(): boolean {
    return this.#cipher.hasKey();
  }

  /** EncryptAndHash(plaintext). */
  encryptAndHash(plaintext: Uint8Array): Uint8Array {
    const ciphertext = this.#cipher.encryptWithAd(this.#hash, plaintext);
    this.mixHash(ciphertext);
    return ciphertext;
  }

  /** DecryptAndHash(ciphertext). */
  decryptAndHash(ciphertext: Uint8Array): Uint8Array {
    const plaintext = this.#cipher.decryptWithAd(this.#hash, ciphertext);
    this.mixHash(ciphertext);
    return plaintext;
  }

  /** The handshake hash h (GetHandshakeHash()). */
  get handshakeHash(): Uint8Array {
    return this.#hash;
  }

  /** Split(): the initiator→responder and responder→initiator cipher states. */
  split(): [CipherState, CipherState] {
    const [key1, key2] = noiseHkdf(this.#chainingKey, new Uint8Array(0), 2) as [Uint8Array, Uint8Array];
    return [new CipherState(key1), new CipherState(key2)];
  }
}
