import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

/** Longest request target (path and query) the relay answers; longer ones get 414. */
export const MAX_URL_LENGTH = 2048;

/**
 * Largest request head (request line and headers) Node parses for the relay; a larger one is
 * answered 431 and the connection closed. Node's default too, set explicitly so it is documented.
 */
export const MAX_HEADER_BYTES = 16 * 1024;

/** A route handler of the relay's HTTP server. */
export type RequestHandler = (request: IncomingMessage, response: ServerResponse) => void;

/** Where the boundaries report what went wrong: one line for the operator's log. */
export type Report = (line: string) => void;

function answer(response: ServerResponse, status: number): void {
  response
    .writeHead(status, {
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'close',
    })
    .end(`${status} ${STATUS_CODES[status]}\n`);
}

/** No route of the relay takes a request body; one that announces a body is not read at all. */
function announcesBody(request: IncomingMessage): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

function describe(request: IncomingMessage): string {
  return `${request.method} ${JSON.stringify((request.url ?? '').slice(0, 200))}`;
}

function explain(error: unknown): string {
  return (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 300);
}

/**
 * Puts a boundary around the relay's routes: a target longer than {@link MAX_URL_LENGTH} gets 414,
 * a request with a body 413 (the connection is closed, the body never read), and an exception from
 * `handler` is reported and answered 500 — or, when the answer had already begun, ends that
 * connection. Nothing a request does escapes to the process.
 *
 * @param handler - the routes
 * @param report - the operator's log
 * @returns the guarded handler
 */
export function withRequestBoundary(handler: RequestHandler, report: Report): RequestHandler {
  return (request, response) => {
    try {
      if ((request.url ?? '').length > MAX_URL_LENGTH) answer(response, 414);
      else if (announcesBody(request)) answer(response, 413);
      else handler(request, response);
    } catch (error) {
      const action = response.headersSent ? 'connection closed' : 'answered 500';
      report(`http: ${describe(request)} failed (${action}): ${explain(error)}`);
      if (response.headersSent) response.destroy();
      else answer(response, 500);
    }
  };
}

/** What Node passes to `clientError`: the parser's error, with its code. */
type ClientError = Error & { code?: string };

const STATUS_FOR_CLIENT_ERROR: Readonly<Record<string, number>> = {
  HPE_HEADER_OVERFLOW: 431,
  HPE_CHUNK_EXTENSIONS_OVERFLOW: 413,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
};

/**
 * The HTTP server's `clientError` handler: a request Node cannot parse (bad syntax, a head above
 * {@link MAX_HEADER_BYTES}, too slow) is answered 400, 431, 413 or 408 and its connection closed;
 * a connection that is already gone is just dropped.
 *
 * @param error - Node's parser error
 * @param socket - the client's connection
 */
export function answerClientError(error: ClientError, socket: Duplex): void {
  const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const status = STATUS_FOR_CLIENT_ERROR[error.code ?? ''] ?? 400;
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`, () =>
    socket.destroy(),
  );
}

/**
 * An `upgrade` listener that refuses WebSocket upgrades on every path but `path` with 404 and
 * closes the connection. Without it such a socket stays open with no owner, and a reset on it
 * (an `error` nobody listens to) would end the process.
 *
 * @param path - the relay's WebSocket path, left to the relay
 * @returns the listener
 */
export function refuseOtherUpgrades(path: string): (request: IncomingMessage, socket: Duplex) => void {
  return (request, socket) => {
    if ((request.url ?? '/').split('?')[0] === path) return;
    socket.on('error', () => socket.destroy());
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n', () => socket.destroy());
  };
}
