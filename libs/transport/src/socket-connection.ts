import {
  ConnectionClosedError,
  errorCodeForClose,
  NORMAL_CLOSE_CODE,
  TransportError,
  TransportErrorCode,
} from '#errors';
import type { CloseInfo, Connection, ConnectionMessage, ResolvedConnectionLimits } from './connection';

/** What {@link SocketConnection} needs from one concrete WebSocket implementation. */
export interface SocketAdapter {
  /** Negotiated subprotocol. */
  readonly protocol: string;
  /** Bytes not yet handed to the network. */
  bufferedAmount(): number;
  /**
   * Queues one message; `done` runs once the socket holds no reference to it any more: it was
   * written (or copied, as browsers do inside `send`) or dropped with the socket.
   */
  write(message: ConnectionMessage, done: () => void): void;
  /** Calls `then` once buffered bytes may have dropped (after a write completes, or after a short poll). */
  waitForDrain(then: () => void): void;
  /** Sends one heartbeat (ping frame, or an app-level ping where frames are not available). */
  ping(): void;
  /** Stops reading from the network. */
  pause(): void;
  /** Resumes reading. */
  resume(): void;
  /** Starts the closing handshake. */
  close(code: number, reason: string): void;
  /** Drops the connection without a handshake. */
  terminate(): void;
}

interface PendingSend {
  message: ConnectionMessage;
  size: number;
  written: () => void;
  resolve: () => void;
  reject: (error: Error) => void;
}

const EARLY_MESSAGE_LIMIT = 64;
const NOTHING = () => {};

function sizeOf(message: ConnectionMessage): number {
  return typeof message === 'string' ? message.length * 3 : message.byteLength;
}

/**
 * The environment-neutral part of a {@link Connection}: ordered sends with a high-water mark and a
 * bounded queue, heartbeats, pause/resume and one typed close. Concrete files feed it events.
 */
export class SocketConnection implements Connection {
  readonly closed: Promise<CloseInfo>;
  readonly #queue: PendingSend[] = [];
  #queuedBytes = 0;
  #pumping = false;
  #handler: ((message: ConnectionMessage) => void) | undefined;
  readonly #early: ConnectionMessage[] = [];
  #open = true;
  #paused = false;
  #lastSeen: number;
  readonly #heartbeat: ReturnType<typeof setInterval>;
  #settleClosed!: (info: CloseInfo) => void;
  #failure: TransportError | undefined;
  readonly #adapter: SocketAdapter;
  readonly #limits: ResolvedConnectionLimits;
  readonly #clock: () => number;

  /**
   * @param adapter - the concrete socket
   * @param limits - resolved limits and timers
   * @param clock - milliseconds, for the heartbeat's "last heard of the peer" @defaultValue `Date.now`
   */
  constructor(adapter: SocketAdapter, limits: ResolvedConnectionLimits, clock: () => number = Date.now) {
    this.#adapter = adapter;
    this.#limits = limits;
    this.#clock = clock;
    this.#lastSeen = clock();
    this.closed = new Promise((resolve) => {
      this.#settleClosed = resolve;
    });
    this.#heartbeat = setInterval(() => this.#beat(), limits.heartbeatIntervalMs);
    this.#heartbeat.unref?.();
  }

  get protocol(): string {
    return this.#adapter.protocol;
  }

  get bufferedAmount(): number {
    return this.#adapter.bufferedAmount() + this.#queuedBytes;
  }

  get isOpen(): boolean {
    return this.#open;
  }

  send(message: ConnectionMessage, written: () => void = NOTHING): Promise<void> {
    const refuse = (error: TransportError) => {
      written();
      return Promise.reject(error);
    };
    if (!this.#open) return refuse(this.#closedError());
    const size = sizeOf(message);
    if (typeof message !== 'string' && size > this.#limits.maxMessageBytes) {
      return refuse(
        new TransportError(TransportErrorCode.MESSAGE_TOO_LARGE, `message of ${size} bytes above the limit`),
      );
    }
    if (this.#queuedBytes + size > this.#limits.maxQueuedBytes && this.#queue.length > 0) {
      return refuse(new TransportError(TransportErrorCode.SEND_QUEUE_FULL, 'too many un-awaited sends'));
    }
    return new Promise((resolve, reject) => {
      this.#queue.push({ message, size, written, resolve, reject });
      this.#queuedBytes += size;
      this.#pump();
    });
  }

  onMessage(handler: (message: ConnectionMessage) => void): void {
    this.#handler = handler;
    for (const message of this.#early.splice(0)) handler(message);
  }

  pause(): void {
    if (this.#paused || !this.#open) return;
    this.#paused = true;
    this.#adapter.pause();
  }

  resume(): void {
    if (!this.#paused) return;
    this.#paused = false;
    this.#lastSeen = this.#clock();
    if (this.#open) this.#adapter.resume();
  }

  close(code = NORMAL_CLOSE_CODE, reason = ''): void {
    if (!this.#open) return;
    this.#open = false;
    this.#rejectQueue();
    try {
      this.#adapter.close(code, reason);
    } catch {
      this.#adapter.terminate();
    }
  }

  /**
   * Closes with the close code of a typed error; the error is reported in {@link CloseInfo.error}.
   *
   * @param error - why the connection is closed
   */
  fail(error: TransportError): void {
    this.#failure ??= error;
    this.close(error.closeCode, error.code);
  }

  /** Drops the connection at once (no closing handshake) after a typed failure. */
  abort(error: TransportError): void {
    this.#failure ??= error;
    this.#open = false;
    this.#rejectQueue();
    this.#adapter.terminate();
  }

  /** Called by the concrete socket for each received message. */
  received(message: ConnectionMessage): void {
    this.#lastSeen = this.#clock();
    if (!this.#open) return;
    if (typeof message !== 'string' && message.byteLength > this.#limits.maxMessageBytes) {
      this.fail(new TransportError(TransportErrorCode.MESSAGE_TOO_LARGE, 'received message above the limit'));
      return;
    }
    if (this.#handler) {
      this.#handler(message);
      return;
    }
    if (this.#early.length >= EARLY_MESSAGE_LIMIT) {
      this.fail(new TransportError(TransportErrorCode.SEND_QUEUE_FULL, 'messages arrived with no handler'));
      return;
    }
    this.#early.push(message);
  }

  /** Called by the concrete socket on a pong (or any sign of life). */
  alive(): void {
    this.#lastSeen = this.#clock();
  }

  /** Called by the concrete socket once the underlying socket is closed. */
  ended(code: number, reason: string): void {
    clearInterval(this.#heartbeat);
    this.#open = false;
    this.#rejectQueue();
    let error = this.#failure;
    if (!error && code !== NORMAL_CLOSE_CODE) {
      const mapped = errorCodeForClose(code);
      if (mapped) error = new ConnectionClosedError(mapped, `closed with ${code} ${reason}`, code);
    }
    this.#settleClosed(error ? { code, reason, error } : { code, reason });
  }

  #beat(): void {
    if (!this.#open) return;
    if (this.#paused) return;
    if (this.#clock() - this.#lastSeen > this.#limits.heartbeatTimeoutMs) {
      this.abort(new ConnectionClosedError(TransportErrorCode.HEARTBEAT_TIMEOUT, 'peer silent too long'));
      return;
    }
    try {
      this.#adapter.ping();
    } catch {
      // A ping on a socket that is going away is harmless; the close event follows.
    }
  }

  #pump(): void {
    if (this.#pumping) return;
    while (this.#open && this.#queue.length > 0) {
      if (this.#adapter.bufferedAmount() > this.#limits.highWaterMark) {
        this.#pumping = true;
        this.#adapter.waitForDrain(() => {
          this.#pumping = false;
          this.#pump();
        });
        return;
      }
      const next = this.#queue.shift() as PendingSend;
      this.#queuedBytes -= next.size;
      this.#adapter.write(next.message, next.written);
      next.resolve();
    }
  }

  #rejectQueue(): void {
    const error = this.#closedError();
    for (const pending of this.#queue.splice(0)) {
      pending.written();
      pending.reject(error);
    }
    this.#queuedBytes = 0;
  }

  #closedError(): TransportError {
    return this.#failure ?? new ConnectionClosedError(TransportErrorCode.CLOSED, 'connection is closed');
  }
}
