import { connect } from 'node:net';

/** What came back for one raw request. */
export interface RawAnswer {
  /** The status code of the first response line, or `undefined` when none came. */
  status: number | undefined;
  /** Everything received, as latin1 text. */
  text: string;
  /** Whether the relay closed the connection (rather than this client giving up). */
  closedByServer: boolean;
}

/**
 * Sends `request` byte for byte over a fresh TCP connection to 127.0.0.1, so nothing on the
 * client side normalises the path or the headers, and collects the answer until the server
 * closes, `waitMs` pass after the last byte, or the client resets (`reset`).
 *
 * @param port - the relay's port
 * @param request - the raw request (request line, headers, maybe a body)
 * @param options - reset the connection right after sending; how long to wait for more
 */
export function rawRequest(
  port: number,
  request: string | Uint8Array,
  options: { reset?: boolean; waitMs?: number } = {},
): Promise<RawAnswer> {
  const waitMs = options.waitMs ?? 1_500;
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    let closedByServer = false;
    let idle: ReturnType<typeof setTimeout> | undefined;
    const finish = () => {
      clearTimeout(idle);
      socket.destroy();
      // Node's interim answer to `Expect: 100-continue` comes before the real one.
      const status = /^(?:HTTP\/1\.1 100 Continue\r\n\r\n)?HTTP\/1\.[01] (\d{3})/.exec(text)?.[1];
      resolve({ status: status === undefined ? undefined : Number(status), text, closedByServer });
    };
    const rearm = () => {
      clearTimeout(idle);
      idle = setTimeout(finish, waitMs);
    };
    socket.on('connect', () => {
      socket.write(request);
      if (options.reset) socket.resetAndDestroy();
      rearm();
    });
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
      rearm();
    });
    socket.on('end', () => {
      closedByServer = true;
      finish();
    });
    socket.on('error', finish);
    socket.on('close', finish);
  });
}

/**
 * A request head: `METHOD target HTTP/1.1`, `Host`, the given header lines (plus
 * `Connection: close` unless they name a `Connection`), and a blank line.
 *
 * @param method - request method
 * @param target - request target exactly as sent
 * @param headers - further header lines (`Name: value`)
 */
export function head(method: string, target: string, headers: string[] = []): string {
  const close = headers.some((line) => /^connection:/i.test(line)) ? [] : ['Connection: close'];
  return [`${method} ${target} HTTP/1.1`, 'Host: 127.0.0.1', ...close, ...headers, '', ''].join('\r\n');
}
