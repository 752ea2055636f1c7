import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ROOT } from './packages';

/** The example helpdesk of docs/embedding.md: its files and its Content-Security-Policy, as documented. */
export interface DocumentedHelpdesk {
  files: Record<string, { type: string; body: string }>;
  csp: string;
}

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
};

/**
 * Reads the example from docs/embedding.md: every fenced block whose info string names a file
 * (```html ticket.html) and the `Content-Security-Policy:` line, with the documented relay
 * origin replaced by the real one.
 *
 * @param relayBase - `http://host:port` of the running relay
 */
export async function readDocumentedHelpdesk(relayBase: string): Promise<DocumentedHelpdesk> {
  const doc = await readFile(join(ROOT, 'docs/embedding.md'), 'utf8');
  const relayWs = relayBase.replace(/^http/, 'ws');
  const localise = (text: string) =>
    text.replaceAll('https://support.example.com', relayBase).replaceAll('wss://support.example.com', relayWs);
  const files: DocumentedHelpdesk['files'] = {};
  for (const match of doc.matchAll(/^```(\w+) ([\w.-]+)\n([\s\S]*?)^```$/gm)) {
    const [, lang, name, body] = match as unknown as [string, string, string, string];
    files[`/${name}`] = { type: TYPES[lang] ?? 'text/plain', body: localise(body) };
  }
  const csp = /^\s*Content-Security-Policy: (.+)$/m.exec(doc)?.[1];
  if (!csp) throw new Error('docs/embedding.md documents no Content-Security-Policy line');
  return { files, csp: localise(csp) };
}

/** The helpdesk backend: the pages, the agent token endpoint and the ticket store. */
export interface HelpdeskServer {
  url: string;
  /** Bodies of every `PATCH /api/tickets/4711`, in order. */
  ticketUpdates: Record<string, unknown>[];
  close(): Promise<void>;
}

/**
 * Serves the documented helpdesk on 127.0.0.1 (another origin than the relay): `/` is
 * ticket.html, every page carries the documented CSP, `/api/fernhilfe/token` hands out `token`.
 */
export async function startHelpdesk(helpdesk: DocumentedHelpdesk, token: string): Promise<HelpdeskServer> {
  const ticketUpdates: Record<string, unknown>[] = [];
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://helpdesk').pathname;
    if (path === '/api/fernhilfe/token' && request.method === 'GET') {
      response.writeHead(200, { 'content-type': 'text/plain' }).end(token);
      return;
    }
    if (path === '/api/tickets/4711' && request.method === 'PATCH') {
      let body = '';
      request.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      request.on('end', () => {
        ticketUpdates.push(JSON.parse(body) as Record<string, unknown>);
        response.writeHead(204).end();
      });
      return;
    }
    if (path === '/favicon.ico') {
      response.writeHead(204).end();
      return;
    }
    const file = helpdesk.files[path === '/' ? '/ticket.html' : path];
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': file.type, 'content-security-policy': helpdesk.csp }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    ticketUpdates,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
