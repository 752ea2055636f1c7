import { isBytes } from '@noble/hashes/utils.js';
import { ChannelError, CryptoError, CryptoErrorCode } from './errors';
import { MAX_FRAME_LENGTH, MAX_PLAINTEXT_LENGTH, REKEY_INTERVAL_MESSAGES } from './limits';
import type { CipherState } from './noise/cipher-state';
import { TAG_LENGTH } from './noise/cipher-state';
import type { TransportCiphers } from './noise/handshake-state';
import { checkSealBuffer, createOverwrittenSealBuffer, createSealBuffer, sealBufferPlaintext } from './seal-buffer';
import { FrameKind, HEADER_LENGTH, parseFrame, writeFrameHeader } from './wire';

/** What {@link SecureChannel.open} found in a frame. */
export type ChannelMessage =
  /** Application data from the peer. */
  | { readonly kind: 'data'; readonly plaintext: Uint8Array }
  /** The peer rekeyed its sending key; nothing to do. */
  | { readonly kind: 'rekey' }
  /** The peer's authenticated close: it will send nothing more. */
  | { readonly kind: 'close' };

/**
 * The encrypted channel between guest and viewer after the handshake: one
 * ChaCha20-Poly1305 key and 64-bit counter nonce per direction, nonces never sent, the
 * 2-byte frame header bound as associated data. Frames must be opened in the order they
 * were sealed; any failure poisons the channel for good.
 */
export interface SecureChannel {
  /**
   * Encrypts one data frame.
   *
   * @param plaintext - at most {@link MAX_PLAINTEXT_LENGTH} bytes (use {@link splitIntoChunks} for more)
   * @returns the frame to send: version ‖ kind ‖ ciphertext ‖ tag
   * @throws {@link ChannelError} `CRYPTO_MESSAGE_TOO_LARGE` (the channel stays usable),
   *   `CRYPTO_INVALID_ARGUMENT`, `CRYPTO_CLOSED`, `CRYPTO_CHANNEL_FAILED`, `CRYPTO_NONCE_EXHAUSTED`
   */
  seal(plaintext: Uint8Array): Uint8Array;
  /**
   * Encrypts one data frame inside the buffer that already holds its plaintext, without a
   * second allocation or copy: the hot path for senders that can encode straight into
   * {@link sealBufferPlaintext} of a {@link createSealBuffer} buffer. Writes the header in front
   * of the plaintext, replaces the plaintext with ciphertext and writes the tag behind it.
   *
   * @param frame - header room (2 bytes) ‖ plaintext ‖ tag room (16 bytes); at most
   *   {@link MAX_FRAME_LENGTH} bytes in all
   * @returns `frame`, now the frame to send: version ‖ kind ‖ ciphertext ‖ tag
   * @throws {@link ChannelError} `CRYPTO_MESSAGE_TOO_LARGE` and `CRYPTO_INVALID_ARGUMENT` (the channel
   *   stays usable, `frame` untouched), `CRYPTO_CLOSED`, `CRYPTO_CHANNEL_FAILED`, `CRYPTO_NONCE_EXHAUSTED`
   */
  sealInPlace(frame: Uint8Array): Uint8Array;
  /**
   * Authenticates and decrypts the next frame from the peer. Any error poisons the channel.
   *
   * @param frame - the next frame, exactly as the peer's `seal`, `rekey` or `close` returned it
   * @returns the data, or notice of the peer's rekey or close
   * @throws {@link ChannelError} `CRYPTO_DECRYPT_FAILED` (altered, replayed, reordered, reflected or
   *   after a drop), `CRYPTO_MALFORMED_MESSAGE`, `CRYPTO_UNSUPPORTED_VERSION`, `CRYPTO_OUT_OF_ORDER`
   *   (a handshake message), `CRYPTO_MESSAGE_TOO_LARGE`, `CRYPTO_INVALID_ARGUMENT`, `CRYPTO_CLOSED`,
   *   `CRYPTO_CHANNEL_FAILED`
   */
  open(frame: Uint8Array): ChannelMessage;
  /**
   * Rekeys the sending direction on request (Noise REKEY): returns a notice frame sealed with
   * the old key; the peer rekeys its receiving key when it opens it.
   *
   * @returns the notice frame to send
   * @throws {@link ChannelError} `CRYPTO_CLOSED`, `CRYPTO_CHANNEL_FAILED`
   */
  rekey(): Uint8Array;
  /**
   * Ends the sending direction with an authenticated close frame; `seal` refuses from now on.
   * Frames still in flight from the peer can be opened until its own close.
   *
   * @returns the close frame to send
   * @throws {@link ChannelError} `CRYPTO_CLOSED` (already closed), `CRYPTO_CHANNEL_FAILED`
   */
  close(): Uint8Array;
  /**
   * Call when the underlying transport has ended: succeeds only if the peer's authenticated
   * close was opened, so a truncated stream is detected.
   *
   * @throws {@link ChannelError} `CRYPTO_TRUNCATED` (and poisons the channel)
   */
  end(): void;
  /** Whether this side sent its close or the peer's close was opened. */
  readonly isClosed: boolean;
  /** Whether the peer's authenticated close was opened. */
  readonly peerClosed: boolean;
  /** Whether an earlier failure poisoned the channel. */
  readonly isFailed: boolean;
}

/** Tuning for tests; production uses the defaults. */
export interface ChannelTuning {
  rekeyIntervalMessages?: number;
}

/** Wraps the transport cipher states of a finished handshake into a {@link SecureChannel}. */
export function createSecureChannel(ciphers: TransportCiphers, tuning: ChannelTuning = {}): SecureChannel {
  return Object.freeze(new Channel(ciphers, tuning.rekeyIntervalMessages ?? REKEY_INTERVAL_MESSAGES));
}

class Channel implements SecureChannel {
  readonly #send: CipherState;
  readonly #receive: CipherState;
  readonly #rekeyInterval: number;
  #sentClose = false;
  #peerClosed = false;
  #failed = false;

  constructor(ciphers: TransportCiphers, rekeyInterval: number) {
    // Without keys a CipherState passes plaintext through; a channel must never do that.
    if (!ciphers.send.hasKey() || !ciphers.receive.hasKey()) {
      throw new ChannelError(CryptoErrorCode.HANDSHAKE_STATE, 'transport cipher states need keys');
    }
    this.#send = ciphers.send;
    this.#receive = ciphers.receive;
    this.#rekeyInterval = rekeyInterval;
  }

  get isClosed(): boolean {
    return this.#sentClose || this.#peerClosed;
  }

  get peerClosed(): boolean {
    return this.#peerClosed;
  }

  get isFailed(): boolean {
    return this.#failed;
  }

  seal(plaintext: Uint8Array): Uint8Array {
    this.#assertCanSend();
    if (!isBytes(plaintext)) {
      throw new ChannelError(CryptoErrorCode.INVALID_ARGUMENT, 'plaintext must be a Uint8Array');
    }
    const frame = createOverwrittenSealBuffer(plaintext.length);
    frame.set(plaintext, HEADER_LENGTH);
    return this.#sealFrame(FrameKind.DATA, frame);
  }

  sealInPlace(frame: Uint8Array): Uint8Array {
    this.#assertCanSend();
    checkSealBuffer(frame);
    if (frame.length > MAX_FRAME_LENGTH) {
      throw new ChannelError(CryptoErrorCode.MESSAGE_TOO_LARGE, 'plaintext over 65 519 bytes; split it into chunks');
    }
    return this.#sealFrame(FrameKind.DATA, frame);
  }

  rekey(): Uint8Array {
    this.#assertCanSend();
    const frame = this.#sealFrame(FrameKind.REKEY, createSealBuffer(0));
    this.#send.rekey();
    return frame;
  }

  close(): Uint8Array {
    this.#assertUsable();
    if (this.#sentClose) throw new ChannelError(CryptoErrorCode.CLOSED, 'close was already sent');
    const frame = this.#sealFrame(FrameKind.CLOSE, createSealBuffer(0));
    this.#sentClose = true;
    return frame;
  }

  open(frame: Uint8Array): ChannelMessage {
    this.#assertUsable();
    try {
      return this.#openFrame(frame);
    } catch (error) {
      this.#failed = true;
      throw error;
    }
  }

  end(): void {
    if (this.#peerClosed) return;
    this.#failed = true;
    throw new ChannelError(CryptoErrorCode.TRUNCATED, 'transport ended before the peer closed the channel');
  }

  #openFrame(frame: Uint8Array): ChannelMessage {
    if (this.#peerClosed) throw new ChannelError(CryptoErrorCode.CLOSED, 'frame after the peer closed the channel');
    if (isBytes(frame) && frame.length > MAX_FRAME_LENGTH) {
      throw new ChannelError(CryptoErrorCode.MESSAGE_TOO_LARGE, 'frame over 65 537 bytes');
    }
    const { kind, header, body } = parseFrame(frame, ChannelError);
    if (kind !== FrameKind.DATA && kind !== FrameKind.REKEY && kind !== FrameKind.CLOSE) {
      throw new ChannelError(CryptoErrorCode.OUT_OF_ORDER, 'handshake message on an established channel');
    }
    if (body.length < TAG_LENGTH)
      throw new ChannelError(CryptoErrorCode.MALFORMED_MESSAGE, 'frame shorter than its tag');
    const plaintext = this.#receive.decryptWithAd(header, body);
    this.#afterFrame(this.#receive);
    if (kind === FrameKind.DATA) return Object.freeze({ kind: 'data', plaintext });
    if (plaintext.length !== 0) throw new ChannelError(CryptoErrorCode.MALFORMED_MESSAGE, 'control frame with a body');
    if (kind === FrameKind.REKEY) {
      this.#receive.rekey();
      return Object.freeze({ kind: 'rekey' });
    }
    this.#peerClosed = true;
    return Object.freeze({ kind: 'close' });
  }

  // `frame` holds the plaintext between header and tag room; both AEAD back ends encrypt in place.
  #sealFrame(kind: FrameKind, frame: Uint8Array): Uint8Array {
    try {
      const header = writeFrameHeader(frame, kind);
      this.#send.encryptWithAd(header, sealBufferPlaintext(frame), frame.subarray(HEADER_LENGTH));
      this.#afterFrame(this.#send);
      return frame;
    } catch (error) {
      this.#failed = true;
      if (error instanceof CryptoError) throw error;
      throw new ChannelError(CryptoErrorCode.CHANNEL_FAILED, 'encryption failed', { cause: error });
    }
  }

  // Both sides count every frame of a direction, so they rekey at the same point without a notice.
  #afterFrame(cipher: CipherState): void {
    if (cipher.nonce % this.#rekeyInterval === 0) cipher.rekey();
  }

  #assertUsable(): void {
    if (this.#failed) throw new ChannelError(CryptoErrorCode.CHANNEL_FAILED, 'channel failed earlier');
  }

  #assertCanSend(): void {
    this.#assertUsable();
    if (this.#sentClose || this.#peerClosed) throw new ChannelError(CryptoErrorCode.CLOSED, 'channel is closed');
  }
}
