import { TransportError, TransportErrorCode } from '#errors';
import { type Connection, type ConnectionMessage, type OpenConnectionOptions, resolveLimits } from './connection';
import { SocketConnection } from './socket-connection';

const DRAIN_POLL_MS = 10;
const APP_PING = '{"type":"ping"}';

/**
 * Opens a client {@link Connection} on the browser's native `WebSocket`. Browsers cannot send ping
 * frames, so the heartbeat is the relay layer's `ping` message (the relay answers `pong`); proxy and
 * CA options are the browser's business and ignored here.
 *
 * @param url - `ws:`/`wss:` URL of the relay endpoint
 * @param options - limits and subprotocols
 * @returns the open connection
 * @throws {@link TransportError} `TRANSPORT_INVALID_ARGUMENT`, `TRANSPORT_CONNECT_FAILED`, `TRANSPORT_TIMEOUT`
 */
export function openConnection(url: string, options: OpenConnectionOptions = {}): Promise<Connection> {
  const limits = resolveLimits(options);
  let socket: WebSocket;
  try {
    socket = new WebSocket(url, options.protocols ?? []);
  } catch (cause) {
    return Promise.reject(new TransportError(TransportErrorCode.INVALID_ARGUMENT, 'bad relay URL', { cause }));
  }
  socket.binaryType = 'arraybuffer';
  let paused = false;
  const held: ConnectionMessage[] = [];
  const connection = new SocketConnection(
    {
      get protocol() {
        return socket.protocol;
      },
      bufferedAmount: () => socket.bufferedAmount,
      write: (message, done) => {
        socket.send(message as string | ArrayBufferView<ArrayBuffer>);
        done();
      },
      waitForDrain: (then) => setTimeout(then, DRAIN_POLL_MS),
      ping: () => socket.send(APP_PING),
      pause: () => {
        paused = true;
      },
      resume: () => {
        paused = false;
        while (!paused && held.length > 0) connection.received(held.shift() as ConnectionMessage);
      },
      close: (code, reason) => socket.close(code, reason),
      terminate: () => socket.close(),
    },
    limits,
  );
  socket.addEventListener('message', (event: MessageEvent) => {
    const message = typeof event.data === 'string' ? event.data : new Uint8Array(event.data as ArrayBuffer);
    if (paused) held.push(message);
    else connection.received(message);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.close();
      reject(new TransportError(TransportErrorCode.TIMEOUT, 'opening the WebSocket timed out'));
    }, options.openTimeoutMs ?? 15_000);
    socket.addEventListener('open', () => {
      clearTimeout(timer);
      resolve(connection);
    });
    socket.addEventListener('close', (event: CloseEvent) => {
      clearTimeout(timer);
      connection.ended(event.code, event.reason);
      reject(new TransportError(TransportErrorCode.CONNECT_FAILED, 'cannot open the WebSocket'));
    });
  });
}
