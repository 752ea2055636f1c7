import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { type Connection, openConnection, resolveLimits, type TransportError, TransportErrorCode } from '../src/index';
import { wrapWsSocket } from '../src/ws-connection';
import { waitFor } from './helpers';

const server = createServer();
const wss = new WebSocketServer({ server });
let url: string;

const received: Buffer[] = [];

beforeAll(async () => {
  wss.on('connection', (socket) =>
    socket.on('message', (data) => {
      if (Buffer.isBuffer(data)) received.push(data);
    }),
  );
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

  it('runs `written` once per message, only after the socket is done with its bytes', async () => {
    // Server side: ws writes unmasked frames by reference, so a release before the socket
    // wrote the bytes would show up as scribbled data at the client.
    const sending = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise<void>((resolve) => sending.once('listening', () => resolve()));
    const serverSide = new Promise<Connection>((resolve) =>
      sending.once('connection', (socket) => resolve(wrapWsSocket(socket, resolveLimits({ highWaterMark: 4 * 1024 })))),
    );
    const client = new WebSocket(`ws://127.0.0.1:${(sending.address() as AddressInfo).port}`);
    const got: Buffer[] = [];
    client.on('message', (data) => got.push(data as Buffer));
    const connection = await serverSide;
    const calls = new Array<number>(40).fill(0);
    const sends = calls.map((_, i) => {
      const bytes = new Uint8Array(256 * 1024).fill(i);
      return connection.send(bytes, () => {
        calls[i] = (calls[i] as number) + 1;
        bytes.fill(0xee);
      });
    });
    await Promise.all(sends);
    await waitFor(() => got.length === 40 && calls.every((count) => count === 1));
    got.forEach((data, i) => {
      expect(data.every((byte) => byte === i)).toBe(true);
    });
    client.close();
    connection.close();
    await new Promise<void>((resolve) => sending.close(() => resolve()));
  });

  it('runs `written` once for messages it refuses or drops at close', async () => {
    const connection = await openConnection(url, {
      proxy: false,
      maxMessageBytes: 64 * 1024,
      highWaterMark: 1024,
      maxQueuedBytes: 128 * 1024,
    });
    let tooLarge = 0;
    expect(await codeOf(connection.send(new Uint8Array(64 * 1024 + 1), () => tooLarge++))).toBe(
      TransportErrorCode.MESSAGE_TOO_LARGE,
    );
    expect(tooLarge).toBe(1);
    let settled = 0;
    const pending = Array.from({ length: 300 }, () => connection.send(new Uint8Array(32 * 1024), () => settled++));
    connection.close();
    const codes = await Promise.all(pending.map(codeOf));
    expect(codes).toContain(TransportErrorCode.SEND_QUEUE_FULL);
    expect(codes).toContain(TransportErrorCode.CLOSED);
    await connection.closed;
    await waitFor(() => settled === 300);
    let afterClose = 0;
    expect(await codeOf(connection.send(new Uint8Array(1), () => afterClose++))).toBe(TransportErrorCode.CLOSED);
    expect(afterClose).toBe(1);
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
