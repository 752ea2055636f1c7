import { rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  answerClientError,
  MAX_HEADER_BYTES,
  MAX_URL_LENGTH,
  type RequestHandler,
  withRequestBoundary,
} from '../src/request-boundary';
import { head, rawRequest } from './raw-http';
import { pairOnce, type RelayFixture, startRelayFixture } from './relay-fixture';

let relay: RelayFixture;
const upgrade = ['Connection: Upgrade', 'Upgrade: websocket', 'Sec-WebSocket-Version: 13'];

beforeAll(async () => {
  relay = await startRelayFixture();
});
afterAll(() => relay?.close());

async function expectAlive() {
  expect((await rawRequest(relay.port, head('GET', '/healthz'))).status).toBe(200);
}

describe('relay HTTP boundary: every request gets an answer or a closed socket', () => {
  it('answers 400 to paths with undecodable escapes or NUL, and keeps running', async () => {
    for (const target of ['/%E0%A4%A', '/%', '/%zz', '/agent/%C0%AE%C0%AE/', '/%ED%A0%80', '/%00', '/agent/a%00.js']) {
      expect((await rawRequest(relay.port, head('GET', target))).status, target).toBe(400);
    }
    await expectAlive();
  });

  it('keeps encoded .. inside the bundle directory', async () => {
    for (const target of [
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/agent/..%2f..%2fsecret.txt',
      '/agent/%2E%2E/%2E%2E/secret.txt',
      '/..%5csecret.txt',
      '/guest/../../secret.txt',
    ]) {
      const answer = await rawRequest(relay.port, head('GET', target));
      expect(answer.status, target).toBeOneOf([200, 400, 404]);
      expect(answer.text, target).not.toContain('TOP-SECRET');
    }
  });

  it('answers 414 to a long target, 431 to a huge head, 400 to garbage, 413 to a body', async () => {
    const longTarget = `/${'a'.repeat(MAX_URL_LENGTH)}`;
    expect((await rawRequest(relay.port, head('GET', longTarget))).status).toBe(414);
    const huge = `X-Filler: ${'b'.repeat(MAX_HEADER_BYTES)}`;
    const tooLarge = await rawRequest(relay.port, head('GET', '/', [huge]));
    expect(tooLarge.status).toBe(431);
    expect(tooLarge.closedByServer).toBe(true);
    const garbage = await rawRequest(relay.port, 'HELLO THERE\r\n\r\n');
    expect(garbage.status).toBe(400);
    expect(garbage.closedByServer).toBe(true);
    const withBody = await rawRequest(
      relay.port,
      `${head('GET', '/', ['Content-Length: 1000000000', 'Connection: keep-alive'])}${'x'.repeat(4096)}`,
    );
    expect(withBody.status).toBe(413);
    expect(withBody.closedByServer).toBe(true);
    const chunked = await rawRequest(
      relay.port,
      `${head('POST', '/agent/', ['Transfer-Encoding: chunked'])}5\r\nhello`,
    );
    expect(chunked.status).toBe(413);
    expect((await rawRequest(relay.port, head('DELETE', '/agent/'))).status).toBe(405);
    await expectAlive();
  });

  it('ends only the response whose file vanished after start (a rebuild), not the process', async () => {
    const own = await startRelayFixture();
    try {
      rmSync(join(own.work, 'guest', 'index.html'));
      const cut = await rawRequest(own.port, head('GET', '/'));
      expect(cut.closedByServer).toBe(true);
      expect(cut.text).not.toContain('Kundenseite');
      expect((await rawRequest(own.port, head('GET', '/healthz'))).status).toBe(200);
    } finally {
      await own.close();
    }
  });

  it('refuses WebSocket upgrades elsewhere than /relay with 404, survives resets mid-upgrade', async () => {
    const stray = await rawRequest(relay.port, head('GET', '/nope', upgrade));
    expect(stray.status).toBe(404);
    expect(stray.closedByServer).toBe(true);
    for (const target of ['/nope', '/relay', '/relay?x=1', '/%E0%A4%A']) {
      await rawRequest(relay.port, head('GET', target, [...upgrade, 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==']), {
        reset: true,
      });
    }
    const badKey = await rawRequest(relay.port, head('GET', '/relay', [...upgrade, 'Sec-WebSocket-Key: short']));
    expect(badKey.status).toBe(400);
    await expectAlive();
    expect(await pairOnce(relay)).toEqual(new Uint8Array([7, 8, 9]));
  });
});

describe('withRequestBoundary', () => {
  async function serve(handler: RequestHandler) {
    const lines: string[] = [];
    const server = createServer(withRequestBoundary(handler, (line) => lines.push(line)));
    server.on('clientError', answerClientError);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    return { port, lines, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
  }

  it('answers 500 and logs one line when a route throws before answering', async () => {
    const site = await serve(() => {
      throw new TypeError('route bug');
    });
    try {
      const answer = await rawRequest(site.port, head('GET', '/x'));
      expect(answer.status).toBe(500);
      expect(site.lines).toEqual(['http: GET "/x" failed (answered 500): TypeError: route bug']);
    } finally {
      await site.close();
    }
  });

  it('closes the connection when a route throws after its answer began', async () => {
    const site = await serve((_request, response) => {
      response.writeHead(200, { 'Content-Length': '100' });
      response.write('partial');
      throw new Error('late bug');
    });
    try {
      const answer = await rawRequest(site.port, head('GET', '/y', ['Connection: keep-alive']));
      // Never a second status line (a 500 after the 200), and the connection does not stay open.
      expect(answer.text).not.toContain('500');
      expect(answer.closedByServer).toBe(true);
      expect(site.lines).toEqual(['http: GET "/y" failed (connection closed): Error: late bug']);
    } finally {
      await site.close();
    }
  });
});
