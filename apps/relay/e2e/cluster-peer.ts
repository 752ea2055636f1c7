import { RELAY_SUBPROTOCOL } from '@fernhilfe/transport';
import WebSocket from 'ws';

/** A control message as the relay sends it. */
export type Control = { type: string } & Record<string, unknown>;

/**
 * A relay peer speaking the wire protocol directly over `ws`, so a test can give each peer its
 * own client address (`X-Forwarded-For`, believed from 127.0.0.1 with `--trust-proxy`).
 */
export class WirePeer {
  readonly #socket: WebSocket;
  readonly #inbox: Array<string | Buffer> = [];
  readonly #waiters: Array<() => void> = [];
  /** Resolves with the close code and reason. */
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(socket: WebSocket) {
    this.#socket = socket;
    socket.on('message', (data, isBinary) => {
      this.#inbox.push(isBinary ? (data as Buffer) : data.toString());
      for (const wake of this.#waiters.splice(0)) wake();
    });
    this.closed = new Promise((resolve) => {
      socket.once('close', (code, reason) => {
        resolve({ code, reason: reason.toString() });
        for (const wake of this.#waiters.splice(0)) wake();
      });
    });
  }

  /**
   * Opens a peer connection.
   * @param url - the relay endpoint
   * @param address - the client address the relay should see
   * @returns the open peer, or the HTTP status the upgrade was refused with
   */
  static open(url: string, address: string): Promise<WirePeer | number> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, [RELAY_SUBPROTOCOL], { headers: { 'X-Forwarded-For': address } });
      socket.once('open', () => resolve(new WirePeer(socket)));
      socket.once('unexpected-response', (_request, response) => {
        resolve(response.statusCode ?? 0);
        socket.terminate();
      });
      socket.once('error', reject);
    });
  }

  /** Sends a control message (an object) or payload bytes. */
  send(message: Control | Uint8Array): void {
    this.#socket.send(message instanceof Uint8Array ? message : JSON.stringify(message));
  }

  /** @returns the next control message (pongs skipped), or `undefined` once closed */
  async control(): Promise<Control | undefined> {
    for (;;) {
      const next = await this.#next();
      if (next === undefined) return undefined;
      if (typeof next === 'string') {
        const value = JSON.parse(next) as Control;
        if (value.type !== 'pong') return value;
      }
    }
  }

  /** @returns the next payload, or `undefined` once closed */
  async bytes(): Promise<Buffer | undefined> {
    for (;;) {
      const next = await this.#next();
      if (next === undefined || typeof next !== 'string') return next;
    }
  }

  /** Closes normally with a reason. */
  close(reason = 'agent-ended'): void {
    this.#socket.close(1000, reason);
  }

  async #next(): Promise<string | Buffer | undefined> {
    while (this.#inbox.length === 0) {
      if (this.#socket.readyState === WebSocket.CLOSED) return undefined;
      await new Promise<void>((wake) => this.#waiters.push(wake));
    }
    return this.#inbox.shift();
  }
}
