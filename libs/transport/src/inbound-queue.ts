import type { Connection } from './connection';

/**
 * Received payloads waiting for a slow consumer. Above `highWaterMark` bytes the connection is
 * paused (Node: TCP backpressure reaches the relay and, through it, the sender); it resumes once
 * the consumer caught up to half of it.
 */
export class InboundQueue {
  readonly #items: Uint8Array[] = [];
  #bytes = 0;
  #waiter: ((item: IteratorResult<Uint8Array>) => void) | undefined;
  #finished = false;
  readonly #connection: Connection;
  readonly #highWaterMark: number;

  /**
   * @param connection - the connection to pause and resume
   * @param highWaterMark - bytes held before pausing
   */
  constructor(connection: Connection, highWaterMark: number) {
    this.#connection = connection;
    this.#highWaterMark = highWaterMark;
  }

  /** Adds one payload. */
  push(item: Uint8Array): void {
    if (this.#finished) return;
    if (this.#waiter) {
      const waiter = this.#waiter;
      this.#waiter = undefined;
      waiter({ value: item, done: false });
      return;
    }
    this.#items.push(item);
    this.#bytes += item.byteLength;
    if (this.#bytes > this.#highWaterMark) this.#connection.pause();
  }

  /** Ends the queue; waiting readers get `done` once the held items are consumed. */
  finish(): void {
    this.#finished = true;
    if (this.#waiter && this.#items.length === 0) {
      const waiter = this.#waiter;
      this.#waiter = undefined;
      waiter({ value: undefined, done: true });
    }
  }

  /** Takes the next payload, waiting for one. */
  next(): Promise<IteratorResult<Uint8Array>> {
    const item = this.#items.shift();
    if (item) {
      this.#bytes -= item.byteLength;
      if (this.#bytes <= this.#highWaterMark / 2) this.#connection.resume();
      return Promise.resolve({ value: item, done: false });
    }
    if (this.#finished) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => {
      this.#waiter = resolve;
    });
  }

  /** Hands every held payload to `handler` and empties the queue. */
  drainTo(handler: (item: Uint8Array) => void): void {
    for (const item of this.#items.splice(0)) handler(item);
    this.#bytes = 0;
    this.#connection.resume();
  }
}
