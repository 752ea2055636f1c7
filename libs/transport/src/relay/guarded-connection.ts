import { TransportError, TransportErrorCode } from '#errors';
import type { CloseInfo, Connection, ConnectionMessage } from '../connection';

/**
 * A relay-side {@link Connection} whose message handlers cannot throw into the socket: a handler
 * that throws fails this connection only (`TRANSPORT_INTERNAL`, close 4021) and the error goes to
 * `onError`. Everything else is the wrapped connection's.
 */
export class GuardedConnection implements Connection {
  readonly #inner: Connection;
  readonly #onError: (error: Error) => void;

  /**
   * @param inner - the connection to guard
   * @param onError - where a handler's exception is reported
   */
  constructor(inner: Connection, onError: (error: Error) => void) {
    this.#inner = inner;
    this.#onError = onError;
  }

  get protocol(): string {
    return this.#inner.protocol;
  }

  get bufferedAmount(): number {
    return this.#inner.bufferedAmount;
  }

  get isOpen(): boolean {
    return this.#inner.isOpen;
  }

  get closed(): Promise<CloseInfo> {
    return this.#inner.closed;
  }

  send(message: ConnectionMessage, written?: () => void): Promise<void> {
    return this.#inner.send(message, written);
  }

  onMessage(handler: (message: ConnectionMessage) => void): void {
    this.#inner.onMessage((message) => {
      try {
        handler(message);
      } catch (cause) {
        this.#onError(
          new TransportError(TransportErrorCode.INTERNAL, `a relay message handler failed: ${String(cause)}`, {
            cause,
          }),
        );
        this.#inner.fail(new TransportError(TransportErrorCode.INTERNAL, 'internal relay error'));
      }
    });
  }

  pause(): void {
    this.#inner.pause();
  }

  resume(): void {
    this.#inner.resume();
  }

  close(code?: number, reason?: string): void {
    this.#inner.close(code, reason);
  }

  fail(error: TransportError): void {
    this.#inner.fail(error);
  }
}
