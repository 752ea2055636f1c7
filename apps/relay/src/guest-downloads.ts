import { statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve } from 'node:path';
import { GUEST_MODULES_MANIFEST, type OfferedModule, readOfferedManifest } from './guest-modules-manifest';
import { sendFileBody } from './send-file';

/** URL prefix of the downloads. */
export const DOWNLOADS_PREFIX = '/downloads/';

/** Media type of a Windows executable (IANA registration of PE files). */
const PE_TYPE = 'application/vnd.microsoft.portable-executable';

/** The manifest's answer while no modules are built. */
const NOTHING_OFFERED = { format: 1, modules: [] } as const;

/** The guest modules as files to download, with their manifest. */
export interface GuestDownloads {
  /** Answers the request if its path lies under `/downloads`; returns whether it did. */
  handle(request: IncomingMessage, response: ServerResponse): boolean;
}

function notFound(response: ServerResponse, headers: Readonly<Record<string, string>>): void {
  response
    .writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers })
    .end('Not found\n');
}

/** The module file's size, or `undefined` when it is gone or no longer the size the manifest names. */
function currentSize(path: string, module: OfferedModule): number | undefined {
  try {
    const stats = statSync(path);
    return stats.isFile() && stats.size === module.size ? stats.size : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Serves the guest modules the build wrote into `directory`: `/downloads/guest-modules.json`
 * (the manifest, as the relay read it; `{"format":1,"modules":[]}` while there is none) and `/downloads/<file>` for each file the manifest names,
 * as an attachment with its type and length. Nothing else under `/downloads` exists (no listing,
 * no other file of the directory). The manifest is read per request, so a rebuild shows without a
 * restart; a module whose size no longer matches the manifest (a rebuild in progress) is 404.
 * Only GET and HEAD; `headers` go on every answer.
 *
 * @param options - the modules directory and the security headers
 * @returns the route
 */
export function createGuestDownloads(options: {
  directory: string;
  headers: Readonly<Record<string, string>>;
}): GuestDownloads {
  const root = resolve(options.directory);
  const { headers } = options;
  return {
    handle(request, response) {
      const pathname = (request.url ?? '/').split('?')[0] ?? '/';
      if (pathname !== DOWNLOADS_PREFIX.slice(0, -1) && !pathname.startsWith(DOWNLOADS_PREFIX)) return false;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        response.writeHead(405, { Allow: 'GET, HEAD', ...headers }).end();
        return true;
      }
      const name = pathname.slice(DOWNLOADS_PREFIX.length);
      const manifest = readOfferedManifest(root);
      if (name === GUEST_MODULES_MANIFEST) {
        // Always an answer, so the support page's question is no failed request in the console.
        const body = Buffer.from(`${JSON.stringify(manifest ?? NOTHING_OFFERED)}\n`);
        response.writeHead(200, {
          'Content-Type': 'application/json',
          'Content-Length': body.length,
          'Cache-Control': 'no-cache',
          ...headers,
        });
        response.end(request.method === 'HEAD' ? undefined : body);
        return true;
      }
      const module = manifest?.modules.find((candidate) => candidate.file === name);
      const path = module === undefined ? undefined : join(root, module.file);
      const size = module === undefined || path === undefined ? undefined : currentSize(path, module);
      if (module === undefined || path === undefined || size === undefined) {
        notFound(response, headers);
        return true;
      }
      response.writeHead(200, {
        'Content-Type': extname(module.file) === '.exe' ? PE_TYPE : 'application/octet-stream',
        'Content-Length': size,
        'Content-Disposition': `attachment; filename="${module.file}"`,
        'Cache-Control': 'no-cache',
        ...headers,
      });
      sendFileBody(request, response, path);
      return true;
    },
  };
}
