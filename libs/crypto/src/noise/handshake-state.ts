import { concatBytes } from '@noble/hashes/utils.js';
import { CryptoErrorCode, HandshakeError } from '../errors';
import { type CipherState, TAG_LENGTH } from './cipher-state';
import { DH_LENGTH, dh, generateKeyPair, type KeyPair } from './dh';
import { HANDSHAKE_PATTERNS, type PatternName, type Token } from './patterns';
import { SymmetricState } from './symmetric-state';

/** Noise rev 34 §3: no message exceeds 65 535 bytes. */
export const MAX_NOISE_MESSAGE = 65_535;

/** Everything a HandshakeState needs at Initialize() (Noise rev 34 §5.3). */
export interface HandshakeOptions {
  pattern: PatternName;
  initiator: boolean;
  prologue: Uint8Array;
  /** Local static key pair, for patterns with an `s` token. */
  staticKeyPair?: KeyPair;
  /**
   * Local ephemeral key pair to use instead of a fresh one. Only for replaying published
   * vectors and for a guest that committed to its key before the handshake began.
   */
  ephemeralKeyPair?: KeyPair;
}

/** The two transport cipher states after Split(), seen from one side. */
export interface TransportCiphers {
  send: CipherState;
  receive: CipherState;
}

/**
 * Noise HandshakeState for `Noise_<pattern>_25519_ChaChaPoly_SHA256`: write and read
 * messages in pattern order, then split. Single use: any failure ends it.
 */
export class HandshakeState {
  readonly #symmetric: SymmetricState;
  readonly #initiator: boolean;
  readonly #messages: readonly (readonly Token[])[];
  readonly #s: KeyPair | undefined;
  #e: KeyPair | undefined;
  #rs: Uint8Array | undefined;
  #re: Uint8Array | undefined;
  #index = 0;
  #failed = false;

  constructor(options: HandshakeOptions) {
    const pattern = HANDSHAKE_PATTERNS[options.pattern];
    this.#symmetric = new SymmetricState(`Noise_${pattern.name}_25519_ChaChaPoly_SHA256`);
    this.#symmetric.mixHash(options.prologue);
    this.#initiator = options.initiator;
    this.#messages = pattern.messages;
    this.#s = options.staticKeyPair;
    this.#e = options.ephemeralKeyPair;
  }

  /** Whether every message of the pattern has been written or read. */
  get isComplete(): boolean {
    return this.#index === this.#messages.length;
  }

  /** Whether this side writes the next message. */
  get isMyTurn(): boolean {
    return !this.isComplete && this.#index % 2 === (this.#initiator ? 0 : 1);
  }

  /** The handshake hash h; final once {@link isComplete}. */
  get handshakeHash(): Uint8Array {
    return this.#symmetric.handshakeHash;
  }

  /** The peer's static public key, once received. */
  get remoteStaticKey(): Uint8Array | undefined {
    return this.#rs;
  }

  /** The peer's ephemeral public key, once received. */
  get remoteEphemeralKey(): Uint8Array | undefined {
    return this.#re;
  }

  /** WriteMessage(payload, message_buffer). */
  writeMessage(payload: Uint8Array): Uint8Array {
    this.#expect(true);
    return this.#guard(() => {
      const parts: Uint8Array[] = [];
      for (const token of this.#nextTokens()) {
        if (token === 'e') {
          this.#e ??= generateKeyPair();
          parts.push(this.#e.publicKey);
          this.#symmetric.mixHash(this.#e.publicKey);
        } else if (token === 's') {
          parts.push(this.#symmetric.encryptAndHash(this.#localStatic().publicKey));
        } else {
          this.#mixDh(token);
        }
      }
      parts.push(this.#symmetric.encryptAndHash(payload));
      const message = concatBytes(...parts);
      if (message.length > MAX_NOISE_MESSAGE) {
        throw new HandshakeError(CryptoErrorCode.MESSAGE_TOO_LARGE, 'handshake message over 65 535 bytes');
      }
      this.#index++;
      return message;
    });
  }

  /** ReadMessage(message, payload_buffer); returns the payload. */
  readMessage(message: Uint8Array): Uint8Array {
    this.#expect(false);
    return this.#guard(() => {
      if (message.length > MAX_NOISE_MESSAGE) {
        throw new HandshakeError(CryptoErrorCode.MESSAGE_TOO_LARGE, 'handshake message over 65 535 bytes');
      }
      let offset = 0;
      const take = (length: number): Uint8Array => {
        if (offset + length > message.length) {
          throw new HandshakeError(CryptoErrorCode.MALFORMED_MESSAGE, 'handshake message too short');
        }
        const part = message.subarray(offset, offset + length);
        offset += length;
        return part;
      };
      for (const token of this.#nextTokens()) {
        if (token === 'e') {
          this.#re = take(DH_LENGTH).slice();
          this.#symmetric.mixHash(this.#re);
        } else if (token === 's') {
          this.#rs = this.#decrypt(take(this.#symmetric.hasKey() ? DH_LENGTH + TAG_LENGTH : DH_LENGTH));
        } else {
          this.#mixDh(token);
        }
      }
      const rest = message.subarray(offset);
      if (this.#symmetric.hasKey() && rest.length < TAG_LENGTH) {
        throw new HandshakeError(CryptoErrorCode.MALFORMED_MESSAGE, 'handshake message too short');
      }
      const payload = this.#decrypt(rest);
      this.#index++;
      return payload;
    });
  }

  /** Split(): the transport cipher states for this side. */
  split(): TransportCiphers {
    if (!this.isComplete || this.#failed) {
      throw new HandshakeError(CryptoErrorCode.HANDSHAKE_STATE, 'handshake is not complete');
    }
    const [initiatorToResponder, responderToInitiator] = this.#symmetric.split();
    this.#failed = true; // single use: nothing may run after Split()
    return this.#initiator
      ? { send: initiatorToResponder, receive: responderToInitiator }
      : { send: responderToInitiator, receive: initiatorToResponder };
  }

  #expect(writing: boolean): void {
    if (this.#failed || this.isComplete || this.isMyTurn !== writing) {
      throw new HandshakeError(
        CryptoErrorCode.HANDSHAKE_STATE,
        writing ? 'not our turn to write' : 'not our turn to read',
      );
    }
  }

  #guard<T>(step: () => T): T {
    try {
      return step();
    } catch (error) {
      this.#failed = true;
      throw error;
    }
  }

  #nextTokens(): readonly Token[] {
    return this.#messages[this.#index] ?? [];
  }

  #decrypt(ciphertext: Uint8Array): Uint8Array {
    try {
      return this.#symmetric.decryptAndHash(ciphertext);
    } catch (cause) {
      throw new HandshakeError(CryptoErrorCode.DECRYPT_FAILED, 'handshake message authentication failed', { cause });
    }
  }

  #localStatic(): KeyPair {
    if (this.#s === undefined) throw new HandshakeError(CryptoErrorCode.HANDSHAKE_STATE, 'pattern needs a static key');
    return this.#s;
  }

  #localEphemeral(): KeyPair {
    if (this.#e === undefined) throw new HandshakeError(CryptoErrorCode.HANDSHAKE_STATE, 'no local ephemeral key yet');
    return this.#e;
  }

  #remote(key: Uint8Array | undefined): Uint8Array {
    if (key === undefined) throw new HandshakeError(CryptoErrorCode.HANDSHAKE_STATE, 'remote key not received');
    return key;
  }

  // Noise rev 34 §5.3: for "es" the initiator uses e and rs, the responder s and re; "se" mirrors it.
  #mixDh(token: Exclude<Token, 'e' | 's'>): void {
    const initiator = this.#initiator;
    if (token === 'ee') {
      this.#symmetric.mixKey(dh(this.#localEphemeral(), this.#remote(this.#re)));
    } else if (token === 'ss') {
      this.#symmetric.mixKey(dh(this.#localStatic(), this.#remote(this.#rs)));
    } else if ((token === 'es') === initiator) {
      this.#symmetric.mixKey(dh(this.#localEphemeral(), this.#remote(this.#rs)));
    } else {
      this.#symmetric.mixKey(dh(this.#localStatic(), this.#remote(this.#re)));
    }
  }
}
