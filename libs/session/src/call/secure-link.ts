import type { SecureChannel } from '@fernhilfe/crypto';
import { decodeMessage, encodeMessage } from '../protocol/codec';
import type { ProtocolLimits } from '../protocol/limits';
import type { SessionMessage } from '../protocol/messages';

/** Sends one binary payload to the peer through the relay. */
export type SendBytes = (bytes: Uint8Array) => void | Promise<void>;

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
  /** Plaintext bytes sent and received, for statistics. */
  bytesOut = 0;
  bytesIn = 0;

  constructor(channel: SecureChannel, send: SendBytes, limits?: ProtocolLimits) {
    this.#channel = channel;
    this.#send = send;
    this.#limits = limits;
  }

  /** Encodes, seals and sends one message; resolves when the transport has taken it. */
  send(message: SessionMessage): Promise<void> {
    const plaintext = encodeMessage(message, this.#limits);
    this.bytesOut += plaintext.length;
    return Promise.resolve(this.#send(this.#channel.seal(plaintext)));
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
