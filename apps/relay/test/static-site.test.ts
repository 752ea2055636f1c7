import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaticSite } from '../src/static-site';

const work = mkdtempSync(join(tmpdir(), 'fernhilfe-static-site-'));
let server: Server;
let base: string;

beforeAll(async () => {
  const viewerDir = join(work, 'viewer');
  const emptyDir = join(work, 'viewer-without-embed');
  mkdirSync(viewerDir, { recursive: true });
  mkdirSync(emptyDir, { recursive: true });
  writeFileSync(join(viewerDir, 'index.html'), '<!doctype html><title>Konsole</title>');
  writeFileSync(join(viewerDir, 'embed.js'), 'export const mountViewer = () => {};');
  writeFileSync(join(viewerDir, 'app.js'), 'console.log(1);');
  writeFileSync(join(emptyDir, 'index.html'), '<!doctype html><title>Konsole</title>');
  const sites = [
    createStaticSite({
      prefix: '/agent/',
      directory: viewerDir,
      title: 'Console',
      buildCommand: 'build',
      crossOrigin: ['embed.js'],
    }),
    createStaticSite({
      prefix: '/bare/',
      directory: emptyDir,
      title: 'Console',
      buildCommand: 'build',
      crossOrigin: ['embed.js'],
    }),
  ];
  server = createServer((request, response) => {
    if (!sites.some((site) => site.handle(request, response))) response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(work, { recursive: true, force: true });
});

const from = { headers: { Origin: 'https://helpdesk.example' } };

describe('static site: cross-origin files', () => {
  it('sends Access-Control-Allow-Origin: * on the listed module, for GET and HEAD', async () => {
    const got = await fetch(`${base}/agent/embed.js`, from);
    expect(got.status).toBe(200);
    expect(got.headers.get('access-control-allow-origin')).toBe('*');
    expect(got.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await got.text()).toContain('mountViewer');
    const head = await fetch(`${base}/agent/embed.js?v=1`, { ...from, method: 'HEAD' });
    expect(head.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('sends it on nothing else: other files, the page, the index fallback for a missing module', async () => {
    for (const path of ['/agent/app.js', '/agent/', '/agent/index.html', '/agent/sub/embed.js', '/bare/embed.js']) {
      const got = await fetch(`${base}${path}`, from);
      expect(got.status, path).toBe(200);
      expect(got.headers.get('access-control-allow-origin'), path).toBeNull();
      await got.arrayBuffer();
    }
  });
});
