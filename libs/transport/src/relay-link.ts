import { openConnection } from '#connection';
import {
  ConnectionClosedError,
  ProtocolError,
  RelayRejectedError,
  type TransportError,
  TransportErrorCode,
} from '#errors';
import type { CloseInfo, Connection, ConnectionMessage, OpenConnectionOptions } from './connection';
import { encodeControlMessage, parseRelayMessage } from './control-message-codec';
import { type PeerToRelayMessage, RELAY_SUBPROTOCOL, type RelayToPeerMessage, RelayWireError } from './protocol';

/** Options shared by the agent and guest clients. */
export interface RelayClientOptions extends Omit<OpenConnectionOptions, 'protocols'> {
  /** WebSocket URL of the relay endpoint, e.g. `wss://support.example.com/relay`. */
  url: string;
}

/** Typed error for a relay `error` message. */
export function errorFromWire(message: Extract<RelayToPeerMessage, { type: 'error' }>): TransportError {
  return new RelayRejectedError(RelayWireError[message.code], `relay refused: ${message.code}`, message.retryAfterMs);
}

/** Typed error for a connection that closed while a control reply was awaited. */
export function errorFromClose(info: CloseInfo): TransportError {
  return info.error ?? new ConnectionClosedError(TransportErrorCode.CLOSED, 'relay closed the connection', info.code);
}

/**
 * One client connection to the relay, speaking the relay layer: control messages go through
 * {@link RelayLink.nextControl}, binary payloads to the handler set by {@link RelayLink.onPayload}.
 */
export class RelayLink {
  readonly #controls: RelayToPeerMessage[] = [];
  #waiter: { resolve: (m: RelayToPeerMessage) => void; reject: (e: Error) => void } | undefined;
  #payloadHandler: ((bytes: Uint8Array) => void) | undefined;
  #closeInfo: CloseInfo | undefined;
  #paired = false;
  readonly #early: Uint8Array[] = [];

  private constructor(readonly connection: Connection) {
    connection.onMessage((message) => this.#dispatch(message));
    void connection.closed.then((info) => {
      this.#closeInfo = info;
      this.#waiter?.reject(errorFromClose(info));
      this.#waiter = undefined;
    });
  }

  /**
   * Opens a connection offering the relay subprotocol.
   *
   * @param options - URL, limits, proxy and TLS settings
   * @returns the link
   */
  static async open(options: RelayClientOptions): Promise<RelayLink> {
    const { url, ...rest } = options;
    const connection = await openConnection(url, { ...rest, protocols: [RELAY_SUBPROTOCOL] });
    return new RelayLink(connection);
  }

  /** Sends one control message. */
  send(message: PeerToRelayMessage): Promise<void> {
    return this.connection.send(encodeControlMessage(message));
  }

  /** The next control message (`pong` is consumed silently); `error` messages reject. */
  nextControl(): Promise<RelayToPeerMessage> {
    const queued = this.#controls.shift();
    if (queued) return queued.type === 'error' ? Promise.reject(errorFromWire(queued)) : Promise.resolve(queued);
    if (this.#closeInfo) return Promise.reject(errorFromClose(this.#closeInfo));
    return new Promise<RelayToPeerMessage>((resolve, reject) => {
      this.#waiter = { resolve, reject };
    }).then((message) => (message.type === 'error' ? Promise.reject(errorFromWire(message)) : message));
  }

  /** Routes binary payloads (after pairing). */
  onPayload(handler: (bytes: Uint8Array) => void): void {
    this.#payloadHandler = handler;
    for (const bytes of this.#early.splice(0)) handler(bytes);
    this.connection.resume();
  }

  #dispatch(message: ConnectionMessage): void {
    if (typeof message !== 'string') {
      if (this.#payloadHandler) this.#payloadHandler(message);
      else if (!this.#paired)
        this.#fail(new ProtocolError(TransportErrorCode.UNEXPECTED_MESSAGE, 'payload before pairing'));
      else {
        // Payloads can arrive in the same tick as `paired`, before the channel exists.
        this.#early.push(message);
        this.connection.pause();
      }
      return;
    }
    let control: RelayToPeerMessage;
    try {
      control = parseRelayMessage(message);
    } catch (error) {
      this.#fail(error as TransportError);
      return;
    }
    if (control.type === 'pong') return;
    if (control.type === 'paired') this.#paired = true;
    if (this.#waiter) {
      const waiter = this.#waiter;
      this.#waiter = undefined;
      waiter.resolve(control);
    } else {
      this.#controls.push(control);
    }
  }

  #fail(error: TransportError): void {
    this.connection.fail(error);
  }
}
