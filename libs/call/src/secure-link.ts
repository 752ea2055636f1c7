import {
  createSealBufferPool,
  type SealBufferLease,
  type SealBufferPool,
  type SecureChannel,
  sealBufferPlaintext,
} from '@fernhilfe/crypto';
import type { ProtocolLimits } from './protocol/limits';
import { decodeMessage, encodeMessage } from './protocol/message-codec';
import type { SessionMessage } from './protocol/messages';

/**
 * Sends one binary payload to the peer through the relay.
 *
 * @param bytes - the frame; do not change it
 * @param release - given with frames from the link's pool (not with handshake messages or the
 *   close frame): call it once the transport has written `bytes` and keeps no reference, so the
 *   frame's buffer can carry the next message (the transport's `send(bytes, release)` does
 *   this). A sender that never calls it is correct too; each frame then gets a new buffer.
 * @returns nothing, or a promise that resolves when the next payload may be sent
 */
export type SendBytes = (bytes: Uint8Array, release?: () => void) => void | Promise<void>;

/** What one frame from the peer carried, once authenticated and decoded. */
export type LinkInput = { kind: 'message'; message: SessionMessage } | { kind: 'rekey' } | { kind: 'close' };

/**
 * Support-protocol messages over an established {@link SecureChannel}: encode + seal on the
 * way out, open + decode on the way in. Errors from either layer propagate to the caller.
 */
export class SecureLink {
  readonly #channel: SecureChannel;
  readonly #send: SendBytes;
  readonly #limits: ProtocolLimits | undefined;
  readonly #frames: SealBufferPool;
  /** Plaintext bytes sent and received, for statistics. */
  bytesOut = 0;
  bytesIn = 0;

  constructor(channel: SecureChannel, send: SendBytes, limits?: ProtocolLimits, frames = createSealBufferPool()) {
    this.#channel = channel;
    this.#send = send;
    this.#limits = limits;
    this.#frames = frames;
  }

  /**
   * Encodes one message straight into a pooled seal buffer, seals it in place and sends it;
   * resolves when the transport has taken it. The buffer returns to the pool when the
   * transport releases it.
   */
  send(message: SessionMessage): Promise<void> {
    let lease: SealBufferLease | undefined;
    const plaintext = encodeMessage(message, this.#limits, (length) => {
      lease = this.#frames.acquire(length);
      return sealBufferPlaintext(lease.frame);
    });
    const { frame, release } = lease as SealBufferLease;
    this.bytesOut += plaintext.length;
    let sealed: Uint8Array;
    try {
      sealed = this.#channel.sealInPlace(frame);
    } catch (error) {
      // The refused plaintext must not linger in a buffer the pool keeps.
      sealBufferPlaintext(frame).fill(0);
      release();
      throw error;
    }
    return Promise.resolve(this.#send(sealed, release));
  }

  /** Opens and decodes one frame from the peer. */
  receive(frame: Uint8Array): LinkInput {
    const opened = this.#channel.open(frame);
    if (opened.kind !== 'data') return opened;
    this.bytesIn += opened.plaintext.length;
    return { kind: 'message', message: decodeMessage(opened.plaintext, this.#limits) };
  }

  /** Sends the authenticated close, unless this side already closed or the channel failed. */
  close(): Promise<void> {
    if (this.#channel.isClosed || this.#channel.isFailed) return Promise.resolve();
    return Promise.resolve(this.#send(this.#channel.close()));
  }

  /** Whether the peer's authenticated close has arrived. */
  get peerClosed(): boolean {
    return this.#channel.peerClosed;
  }
}
