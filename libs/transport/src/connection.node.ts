import type { Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import WebSocket from 'ws';
import { TransportError, TransportErrorCode } from '#errors';
import { type Connection, type OpenConnectionOptions, resolveLimits } from './connection';
import { resolveProxy } from './proxy-env';
import { openTunnel } from './proxy-tunnel';
import { wrapWsSocket } from './ws-connection';

const TLS_ERROR_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

function parseTarget(url: string): URL {
  let target: URL;
  try {
    target = new URL(url);
  } catch (cause) {
    throw new TransportError(TransportErrorCode.INVALID_ARGUMENT, 'url is not a URL', { cause });
  }
  if (target.protocol === 'http:') target.protocol = 'ws:';
  if (target.protocol === 'https:') target.protocol = 'wss:';
  if (target.protocol !== 'ws:' && target.protocol !== 'wss:') {
    throw new TransportError(TransportErrorCode.INVALID_ARGUMENT, 'url must be ws:, wss:, http: or https:');
  }
  return target;
}

function openFailure(error: Error & { code?: string }): TransportError {
  if (error instanceof TransportError) return error;
  if (error.code && TLS_ERROR_CODES.has(error.code)) {
    return new TransportError(TransportErrorCode.TLS_FAILED, 'relay certificate not trusted', { cause: error });
  }
  return new TransportError(TransportErrorCode.CONNECT_FAILED, 'cannot open the WebSocket', { cause: error });
}

async function tunnelFor(target: URL, options: OpenConnectionOptions, timeoutMs: number): Promise<Socket | undefined> {
  const proxy = resolveProxy(target, options);
  if (!proxy) return undefined;
  const port = target.port === '' ? (target.protocol === 'wss:' ? 443 : 80) : Number(target.port);
  return openTunnel({
    proxy,
    host: target.hostname.replace(/^\[|\]$/g, ''),
    port,
    onProxyAuth: options.onProxyAuth,
    timeoutMs,
  });
}

/**
 * Opens a client {@link Connection} in Node on `ws`, through an HTTP CONNECT proxy when the
 * options or the environment say so, verifying TLS certificates (plus `options.ca`).
 *
 * @param url - `ws:`/`wss:` (or `http:`/`https:`) URL of the relay endpoint
 * @param options - limits, subprotocols, proxy and TLS settings
 * @returns the open connection
 * @throws {@link TransportError} `TRANSPORT_INVALID_ARGUMENT`, `TRANSPORT_CONNECT_FAILED`,
 *   `TRANSPORT_TLS_FAILED`, `TRANSPORT_TOO_MANY_CONNECTIONS`, `TRANSPORT_TIMEOUT`; {@link ProxyError}
 */
export async function openConnection(url: string, options: OpenConnectionOptions = {}): Promise<Connection> {
  const limits = resolveLimits(options);
  const target = parseTarget(url);
  const timeoutMs = options.openTimeoutMs ?? 15_000;
  const tunnel = await tunnelFor(target, options, timeoutMs);
  const secure = target.protocol === 'wss:';
  const hostname = target.hostname.replace(/^\[|\]$/g, '');
  const servername = /^[\d.]+$|:/.test(hostname) ? undefined : hostname;
  const socket = new WebSocket(target, options.protocols ?? [], {
    maxPayload: limits.maxMessageBytes,
    perMessageDeflate: false,
    handshakeTimeout: timeoutMs,
    ...(options.ca === undefined ? {} : { ca: options.ca as string | Buffer | Array<string | Buffer> }),
    ...(options.localAddress === undefined || tunnel ? {} : { localAddress: options.localAddress }),
    ...(tunnel
      ? {
          createConnection: () =>
            secure
              ? tlsConnect({
                  socket: tunnel,
                  ...(servername ? { servername } : {}),
                  ...(options.ca === undefined ? {} : { ca: options.ca as string | Buffer | Array<string | Buffer> }),
                })
              : tunnel,
        }
      : {}),
  });
  return new Promise((resolve, reject) => {
    const fail = (error: TransportError) => {
      socket.removeAllListeners();
      socket.on('error', () => undefined);
      socket.terminate();
      reject(error);
    };
    socket.once('open', () => {
      socket.removeAllListeners();
      resolve(wrapWsSocket(socket, limits));
    });
    socket.once('unexpected-response', (_req, res) => {
      res.resume();
      fail(
        res.statusCode === 429
          ? new TransportError(TransportErrorCode.TOO_MANY_CONNECTIONS, 'relay refused: too many connections')
          : new TransportError(TransportErrorCode.CONNECT_FAILED, `relay answered HTTP ${res.statusCode}`),
      );
    });
    socket.once('error', (error) => {
      const message = (error as Error).message;
      fail(
        /timed out/i.test(message)
          ? new TransportError(TransportErrorCode.TIMEOUT, 'opening the WebSocket timed out', { cause: error })
          : openFailure(error as Error & { code?: string }),
      );
    });
  });
}
