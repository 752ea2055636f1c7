import { statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { FILE_SECURITY_HEADERS } from './security-headers';
import { sendFileBody } from './send-file';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
  '.wasm': 'application/wasm',
};

function notBuiltPage(title: string, directory: string, buildCommand: string): string {
  const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} not built</title></head>
<body>
<h1>${escapeHtml(title)} is not built yet</h1>
<p>The relay is running, but it found no bundle in <code>${escapeHtml(directory)}</code>.</p>
<p>Build it with <code>${escapeHtml(buildCommand)}</code> and reload this page.</p>
</body></html>`;
}

/** Whether `path` is a readable regular file; a name the file system refuses (too long, …) is none. */
function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The decoded path of a request target, or `undefined` when it cannot name a file: escapes that are
 * not valid UTF-8 (truncated, overlong, surrogates) or a NUL byte.
 */
function decodePath(target: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(target.split('?')[0] ?? '/');
  } catch {
    return undefined;
  }
  return path.includes('\0') ? undefined : path;
}

/** Serves one bundle directory under a URL prefix, or an explanatory page when it is missing. */
export interface StaticSite {
  /** Answers the request if its path lies under the prefix; returns whether it did. */
  handle(request: IncomingMessage, response: ServerResponse): boolean;
  /** Whether the bundle directory exists. */
  readonly built: boolean;
}

/**
 * Creates a static site for `directory` mounted at `prefix` (which ends with `/`). Paths are
 * normalised and must stay inside the directory; unknown paths fall back to `index.html`
 * (single-page apps); only GET and HEAD are answered; a path with an undecodable escape or a NUL
 * byte is answered 400; a file that cannot be read (e.g. removed by a rebuild) ends that response
 * only. `headers` go on every answer (the pages' security policy). Files named in `crossOrigin` (paths below
 * the prefix, e.g. `embed.js`) are sent with `Access-Control-Allow-Origin: *` when they exist, so
 * pages of other origins may load them as module scripts; nothing else is.
 *
 * @param options - prefix, directory, page title, build hint and the files any origin may load
 * @returns the site
 */
export function createStaticSite(options: {
  prefix: string;
  directory: string;
  title: string;
  buildCommand: string;
  crossOrigin?: readonly string[];
  headers?: Readonly<Record<string, string>>;
}): StaticSite {
  const root = resolve(options.directory);
  const crossOrigin = new Set((options.crossOrigin ?? []).map((file) => resolve(root, file)));
  const index = join(root, 'index.html');
  const built = isFile(index);
  const headers = { ...FILE_SECURITY_HEADERS, ...options.headers };
  return {
    built,
    handle(request, response) {
      const pathname = decodePath(request.url ?? '/');
      if (pathname === undefined) {
        response.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Bad request path\n');
        return true;
      }
      if (pathname === options.prefix.slice(0, -1) && options.prefix !== '/') {
        response.writeHead(301, { Location: options.prefix }).end();
        return true;
      }
      if (!pathname.startsWith(options.prefix)) return false;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        response.writeHead(405, { Allow: 'GET, HEAD' }).end();
        return true;
      }
      if (!built) {
        response
          .writeHead(503, { 'Content-Type': 'text/html; charset=utf-8', ...headers })
          .end(notBuiltPage(options.title, root, options.buildCommand));
        return true;
      }
      const relative = normalize(pathname.slice(options.prefix.length)).replace(/^(\.\.(\/|\\|$))+/, '');
      let file = resolve(root, relative);
      if (file !== root && !file.startsWith(root + sep)) {
        response.writeHead(404).end();
        return true;
      }
      if (!isFile(file)) file = index;
      response.writeHead(200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Cache-Control': file.endsWith('index.html') ? 'no-cache' : 'public, max-age=300',
        ...headers,
        ...(crossOrigin.has(file) ? { 'Access-Control-Allow-Origin': '*' } : {}),
      });
      sendFileBody(request, response, file);
      return true;
    },
  };
}
