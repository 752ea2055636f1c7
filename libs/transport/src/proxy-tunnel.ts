import { request } from 'node:http';
import type { Socket } from 'node:net';
import { ProxyError, TransportErrorCode } from '#errors';
import type { ProxyAuthHandler, ProxyCredentials } from './connection';

/** How to open one CONNECT tunnel. */
export interface TunnelOptions {
  /** Proxy URL; credentials in it are the first ones tried. */
  proxy: URL;
  /** Target host name or IP. */
  host: string;
  /** Target port. */
  port: number;
  /** Asked for credentials on 407. */
  onProxyAuth: ProxyAuthHandler | undefined;
  /** Timeout per CONNECT request in milliseconds. */
  timeoutMs: number;
}

const MAX_WRONG_CREDENTIALS = 2;

function basic(credentials: ProxyCredentials): string {
  return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`, 'utf8').toString('base64')}`;
}

function credentialsInUrl(proxy: URL): ProxyCredentials | undefined {
  if (proxy.username === '') return undefined;
  return { username: decodeURIComponent(proxy.username), password: decodeURIComponent(proxy.password) };
}

function connectOnce(
  options: TunnelOptions,
  credentials: ProxyCredentials | undefined,
): Promise<{ status: number; socket: Socket }> {
  const target = `${options.host.includes(':') ? `[${options.host}]` : options.host}:${options.port}`;
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { Host: target };
    if (credentials) headers['Proxy-Authorization'] = basic(credentials);
    const req = request({
      host: options.proxy.hostname.replace(/^\[|\]$/g, ''),
      port: options.proxy.port === '' ? 80 : Number(options.proxy.port),
      method: 'CONNECT',
      path: target,
      headers,
      agent: false,
      timeout: options.timeoutMs,
    });
    req.once('connect', (res, socket, head) => {
      if (head.length > 0) socket.unshift(head);
      resolve({ status: res.statusCode ?? 0, socket });
    });
    req.once('response', (res) => {
      res.resume();
      reject(
        new ProxyError(TransportErrorCode.PROXY_CONNECT_FAILED, 'proxy answered without a tunnel', res.statusCode),
      );
    });
    req.once('timeout', () => {
      req.destroy();
      reject(new ProxyError(TransportErrorCode.PROXY_CONNECT_FAILED, 'proxy did not answer in time'));
    });
    req.once('error', (cause) => {
      reject(new ProxyError(TransportErrorCode.PROXY_CONNECT_FAILED, 'cannot reach the proxy', undefined, { cause }));
    });
    req.end();
  });
}

/**
 * Opens an HTTP CONNECT tunnel (RFC 9110 §9.3.6) through `options.proxy`, answering 407 with Basic
 * credentials (RFC 7617) from the proxy URL or from `onProxyAuth`. Credentials are only held in
 * local variables for the duration of this call and never appear in errors.
 *
 * @param options - proxy, target and the credentials callback
 * @returns the connected raw socket to the target
 * @throws {@link ProxyError} `TRANSPORT_PROXY_AUTH_FAILED` after two rejected credential sets or when
 *   no credentials are available; `TRANSPORT_PROXY_CONNECT_FAILED` for any other failure
 */
export async function openTunnel(options: TunnelOptions): Promise<Socket> {
  const proxyName = `${options.proxy.hostname}:${options.proxy.port || '80'}`;
  let credentials = credentialsInUrl(options.proxy);
  let rejected = 0;
  for (;;) {
    const { status, socket } = await connectOnce(options, credentials);
    if (status >= 200 && status < 300) return socket;
    socket.destroy();
    // 407 is the standard answer (RFC 9110 §15.5.8); tinyproxy answers 401 to wrong credentials.
    if (status !== 407 && status !== 401) {
      throw new ProxyError(TransportErrorCode.PROXY_CONNECT_FAILED, `proxy refused the tunnel (${status})`, status);
    }
    if (credentials) rejected += 1;
    if (rejected >= MAX_WRONG_CREDENTIALS || !options.onProxyAuth) {
      throw new ProxyError(TransportErrorCode.PROXY_AUTH_FAILED, 'proxy authentication failed', status);
    }
    const answer = await options.onProxyAuth({ proxy: proxyName, attempt: rejected + 1 });
    if (!answer) throw new ProxyError(TransportErrorCode.PROXY_AUTH_FAILED, 'proxy credentials not given', status);
    credentials = { username: String(answer.username), password: String(answer.password) };
  }
}
