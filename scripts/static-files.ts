// Test support: serves a built web directory (a console or guest page bundle) over loopback
// HTTP, so tests and benches need no app's server code.
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';

/** Content types of the files a built page consists of. */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
};

/** Handles one request; `false` when the path is not under the prefix. */
export type StaticFilesHandler = (request: IncomingMessage, response: ServerResponse) => Promise<boolean>;

/**
 * Serves the files of `directory` under `prefix` (`/agent/` → `directory/index.html`).
 *
 * @param directory - the built files
 * @param prefix - URL path prefix ending in `/`
 * @returns a request handler for a `node:http` server
 */
export function serveStaticFiles(directory: string, prefix: string): StaticFilesHandler {
  return async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (!path.startsWith(prefix)) return false;
    const relative = path === prefix ? 'index.html' : path.slice(prefix.length);
    const file = join(directory, normalize(relative).replace(/^(\.\.[/\\])+/, ''));
    try {
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      response.writeHead(404).end();
    }
    return true;
  };
}
