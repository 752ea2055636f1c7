import type WebSocket from 'ws';
import { TransportError, TransportErrorCode } from '#errors';
import type { ResolvedConnectionLimits } from './connection';
import { SocketConnection } from './socket-connection';

const DRAIN_POLL_MS = 25;

/**
 * Wraps a `ws` WebSocket (client or server side) in a {@link SocketConnection}. Heartbeats are
 * ping frames; any pong, ping or message counts as a sign of life.
 *
 * @param socket - an open `ws` WebSocket
 * @param limits - resolved limits and timers
 * @returns the connection
 */
export function wrapWsSocket(socket: WebSocket, limits: ResolvedConnectionLimits): SocketConnection {
  const drainWaiters: Array<() => void> = [];
  const releaseDrainWaiters = () => {
    for (const waiter of drainWaiters.splice(0)) waiter();
  };
  const connection = new SocketConnection(
    {
      protocol: socket.protocol,
      bufferedAmount: () => socket.bufferedAmount,
      write: (message, done) => {
        socket.send(message, { binary: typeof message !== 'string' }, () => {
          done();
          releaseDrainWaiters();
        });
      },
      waitForDrain: (then) => {
        drainWaiters.push(then);
        setTimeout(releaseDrainWaiters, DRAIN_POLL_MS).unref();
      },
      ping: () => socket.ping(),
      pause: () => socket.pause(),
      resume: () => socket.resume(),
      close: (code, reason) => socket.close(code, reason),
      terminate: () => socket.terminate(),
    },
    limits,
  );
  socket.on('message', (data, isBinary) => {
    const bytes = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
    connection.received(
      isBinary ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : bytes.toString('utf8'),
    );
  });
  socket.on('pong', () => connection.alive());
  socket.on('ping', () => connection.alive());
  socket.on('error', (error: Error & { code?: string }) => {
    const code =
      error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH'
        ? TransportErrorCode.MESSAGE_TOO_LARGE
        : error.code?.startsWith('WS_ERR_')
          ? TransportErrorCode.MALFORMED_MESSAGE
          : TransportErrorCode.CLOSED;
    connection.fail(new TransportError(code, 'WebSocket protocol error', { cause: error }));
  });
  socket.on('close', (code, reason) => {
    releaseDrainWaiters();
    connection.ended(code, reason.toString('utf8'));
  });
  return connection;
}
