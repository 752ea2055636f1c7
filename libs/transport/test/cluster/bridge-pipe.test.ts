import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { BRIDGE_SUBPROTOCOL } from '../../src/cluster/bridge-auth';
import { openBridge } from '../../src/cluster/bridge-pipe';
import { resolveLimits } from '../../src/connection';

const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

/** A WebSocket server that also keeps every byte the client wrote on the wire. */
async function tappedServer(): Promise<{ url: string; wire: Buffer[]; received: Promise<Buffer> }> {
  const wire: Buffer[] = [];
  const wss = new WebSocketServer({ noServer: true, handleProtocols: () => BRIDGE_SUBPROTOCOL });
  const server = createServer();
  const received = new Promise<Buffer>((resolve) => {
    server.on('upgrade', (request, socket, head) => {
      socket.on('data', (chunk: Buffer) => wire.push(chunk));
      wss.handleUpgrade(request, socket, head, (ws) => ws.once('message', (data) => resolve(data as Buffer)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stops.push(
    () =>
      new Promise((resolve) => {
        for (const client of wss.clients) client.terminate();
        server.close(() => resolve());
      }),
  );
  return { url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/relay`, wire, received };
}

describe('openBridge', () => {
  it('sends frames with an all-zero masking key, so neither node spends a pass over the bytes', async () => {
    const { url, wire, received } = await tappedServer();
    const bridge = await openBridge(url, 'hello', resolveLimits(), 5_000);
    const sealed = Uint8Array.from({ length: 100 }, (_, i) => (i * 37 + 11) & 0xff);
    await bridge.send(sealed);
    expect(new Uint8Array(await received)).toEqual(sealed);
    const frame = Buffer.concat(wire);
    expect(frame[0]).toBe(0x82);
    expect(frame[1]).toBe(0x80 | sealed.length);
    expect([...frame.subarray(2, 6)]).toEqual([0, 0, 0, 0]);
    expect(new Uint8Array(frame.subarray(6, 6 + sealed.length))).toEqual(sealed);
    bridge.close(1000, 'done');
  });
});
