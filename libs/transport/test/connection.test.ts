import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { type Connection, openConnection, resolveLimits, type TransportError, TransportErrorCode } from '../src/index';

const server = createServer();
const wss = new WebSocketServer({ server });
let url: string;

beforeAll(async () => {
  wss.on('connection', (socket) => socket.on('message', () => undefined));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const client of wss.clients) client.terminate();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return (error as TransportError).code;
  }
}

describe('Node connection', () => {
  it('refuses to send a message above maxMessageBytes', async () => {
    const connection = await openConnection(url, { maxMessageBytes: 1024, proxy: false });
    expect(await codeOf(connection.send(new Uint8Array(1025)))).toBe(TransportErrorCode.MESSAGE_TOO_LARGE);
    await connection.send(new Uint8Array(1024));
    connection.close();
  });

  it('bounds un-awaited sends with TRANSPORT_SEND_QUEUE_FULL', async () => {
    const connection: Connection = await openConnection(url, {
      proxy: false,
      highWaterMark: 1024,
      maxQueuedBytes: 64 * 1024,
    });
    const sends = Array.from({ length: 400 }, () => connection.send(new Uint8Array(16 * 1024)));
    const codes = await Promise.all(sends.map(codeOf));
    expect(codes).toContain(TransportErrorCode.SEND_QUEUE_FULL);
    expect(connection.bufferedAmount).toBeLessThan(64 * 1024 + 16 * 1024 + 400 * 1024 * 16);
    connection.close();
    expect(await codeOf(connection.send(new Uint8Array(1)))).toBe(TransportErrorCode.CLOSED);
  });

  it('rejects bad URLs and limits with INVALID_ARGUMENT', async () => {
    expect(await codeOf(openConnection('ftp://x', { proxy: false }))).toBe(TransportErrorCode.INVALID_ARGUMENT);
    expect(await codeOf(openConnection('not a url'))).toBe(TransportErrorCode.INVALID_ARGUMENT);
    expect(() => resolveLimits({ maxMessageBytes: -1 })).toThrow(
      expect.objectContaining({ code: TransportErrorCode.INVALID_ARGUMENT }),
    );
  });

  it('reports a refused TCP connection as CONNECT_FAILED', async () => {
    expect(await codeOf(openConnection('ws://127.0.0.1:1/', { proxy: false }))).toBe(TransportErrorCode.CONNECT_FAILED);
  });
});
