import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Sends a file as the body of an answer whose head is already written; a HEAD request gets none.
 * The status line is out by then: a file that vanished or cannot be read can only cut this response.
 *
 * @param request - the request (its method)
 * @param response - the answer, head written
 * @param path - the file
 */
export function sendFileBody(request: IncomingMessage, response: ServerResponse, path: string): void {
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  createReadStream(path)
    .on('error', () => response.destroy())
    .pipe(response);
}
