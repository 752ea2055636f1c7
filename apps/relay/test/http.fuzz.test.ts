import { RELAY_SUBPROTOCOL } from '@fernhilfe/transport';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { head, rawRequest } from './raw-http';
import { pairOnce, type RelayFixture, startRelayFixture } from './relay-fixture';

let relay: RelayFixture;
beforeAll(async () => {
  relay = await startRelayFixture();
});
afterAll(() => relay?.close());

/** Statuses the relay may answer; 500 would mean an exception reached the boundary. */
const ANSWERS = [101, 200, 301, 400, 404, 405, 408, 413, 414, 417, 426, 429, 431];

const hex = (byte: number) => `%${byte.toString(16).padStart(2, '0').toUpperCase()}`;
const segment = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9._~-]{0,12}$/),
  fc.constantFrom(
    '..',
    '.',
    '%2e%2e',
    '%2E%2E',
    '..%2f',
    '..%5c',
    '%00',
    '%C0%AE',
    '%E0%A4%A',
    '%',
    '%G1',
    '%ED%A0%80',
  ),
  fc.uint8Array({ minLength: 1, maxLength: 8 }).map((bytes) => [...bytes].map(hex).join('')),
  fc.string({ unit: 'binary', maxLength: 6 }).map((text) => encodeURIComponent(text)),
  fc.string({ unit: 'grapheme-ascii', maxLength: 6 }),
);
const path = fc.oneof(
  fc.constantFrom(
    '/',
    '/agent/',
    '/agent',
    '/relay',
    '/relay?x=1',
    '/healthz',
    '/agent/embed.js',
    '*',
    'http://127.0.0.1/',
  ),
  fc
    .tuple(fc.constantFrom('/', '/agent/', '/relay/', '//'), fc.array(segment, { maxLength: 6 }), fc.boolean())
    .map(([prefix, parts, query]) => `${prefix}${parts.join('/')}${query ? `?${parts.join('&')}` : ''}`),
  fc.integer({ min: 1_000, max: 20_000 }).map((length) => `/${'a'.repeat(length)}`),
);
const method = fc.oneof(
  fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'CONNECT', 'TRACE', 'PRI', 'get'),
  fc.stringMatching(/^[A-Z-]{1,12}$/),
);
const headerName = fc.oneof(
  fc.constantFrom(
    'Upgrade',
    'Connection',
    'Sec-WebSocket-Key',
    'Sec-WebSocket-Version',
    'Sec-WebSocket-Protocol',
    'Sec-WebSocket-Extensions',
    'Content-Length',
    'Transfer-Encoding',
    'Host',
    'X-Forwarded-For',
    'Origin',
    'Expect',
  ),
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,20}$/),
);
const headerValue = fc.oneof(
  fc.constantFrom(
    'websocket',
    'WebSocket',
    'Upgrade',
    'upgrade, keep-alive',
    'keep-alive',
    'close',
    '13',
    '8',
    'dGhlIHNhbXBsZSBub25jZQ==',
    'fernhilfe-relay',
    'fernhilfe-relay, x, , ,',
    'permessage-deflate; client_max_window_bits=99',
    '100-continue',
    'chunked',
    '-1',
    '0',
    '99999999999999999999',
  ),
  fc.string({ unit: 'grapheme-ascii', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.integer({ min: 4_000, max: 40_000 }).map((length) => 'x'.repeat(length)),
);
const header = fc.tuple(headerName, headerValue).map(([name, value]) => `${name}: ${value}`);
const body = fc.option(fc.uint8Array({ maxLength: 2_048 }), { nil: undefined });
/** A valid WebSocket handshake with some of its headers dropped or doubled, then random frames. */
const upgrade = fc.record({
  method: fc.constantFrom('GET', 'GET', 'POST'),
  path: fc.constantFrom('/relay', '/relay?x=%E0%A4%A', '/relay/', '/agent/', '/%E0%A4%A', '/'),
  headers: fc
    .tuple(
      fc.subarray(
        [
          'Connection: Upgrade',
          'Upgrade: websocket',
          'Sec-WebSocket-Version: 13',
          'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
          `Sec-WebSocket-Protocol: ${RELAY_SUBPROTOCOL}`,
        ],
        { minLength: 3 },
      ),
      fc.array(header, { maxLength: 3 }),
    )
    .map(([handshake, extra]) => [...handshake, ...extra]),
  body,
  reset: fc.boolean(),
});
const request = fc.oneof(
  fc.record({ method, path, headers: fc.array(header, { maxLength: 8 }), body, reset: fc.boolean() }),
  upgrade,
);

function bytesOf(sent: { method: string; path: string; headers: string[]; body?: Uint8Array | undefined }) {
  const text = Buffer.from(head(sent.method, sent.path, sent.headers), 'utf8');
  return sent.body ? Buffer.concat([text, sent.body]) : text;
}

describe('relay HTTP fuzz', () => {
  it('answers any method, path, header and upgrade with an allowed status or a closed socket; sessions still work', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(request, { minLength: 1, maxLength: 4 }), async (requests) => {
        const answers = await Promise.all(
          requests.map((sent) => rawRequest(relay.port, bytesOf(sent), { reset: sent.reset, waitMs: 300 })),
        );
        for (const answer of answers) {
          if (answer.status !== undefined) expect(ANSWERS).toContain(answer.status);
        }
      }),
    );
    expect((await rawRequest(relay.port, head('GET', '/healthz'))).status).toBe(200);
    expect(await pairOnce(relay)).toEqual(new Uint8Array([7, 8, 9]));
  });
});
