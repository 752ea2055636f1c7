import { connect } from 'node:net';
import { createJoinRateLimiter, type JoinRateLimiter } from '@fernhilfe/session';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createAgentClient, createGuestClient, RELAY_SUBPROTOCOL } from '../src/index';
import { AGENT_TOKEN, startRelay, type TestRelay, waitFor } from './helpers';

let current: TestRelay | undefined;
afterEach(async () => {
  await current?.relay.close();
  current = undefined;
});

async function pairs(url: string): Promise<boolean> {
  const session = await createAgentClient({ url, token: AGENT_TOKEN, proxy: false });
  const guest = await createGuestClient({ url, number: session.number, proxy: false });
  const agent = await session.waitForGuest();
  guest.close();
  agent.close();
  return true;
}

/** Sends a WebSocket upgrade request by hand and resets the connection at once. */
function upgradeAndReset(port: number, target: string): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(
        `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
          `Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n` +
          `Sec-WebSocket-Protocol: ${RELAY_SUBPROTOCOL}\r\n\r\n`,
      );
      socket.resetAndDestroy();
    });
    socket.on('close', () => resolve());
    socket.on('error', () => undefined);
  });
}

describe('relay boundaries: one connection cannot end the process', () => {
  it('fails only the connection whose message handler throws, reports it, and keeps pairing others', async () => {
    const errors: Error[] = [];
    const limiter = createJoinRateLimiter();
    // A limiter whose store breaks: recording the failed hello throws inside the message handler.
    const broken: JoinRateLimiter = Object.assign(Object.create(limiter) as JoinRateLimiter, {
      recordFailure: (): number => {
        throw new Error('limiter store unavailable');
      },
    });
    current = await startRelay({ rateLimiter: broken, onError: (error) => errors.push(error) });
    const socket = new WebSocket(current.url, RELAY_SUBPROTOCOL);
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    socket.on('error', () => undefined);
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send('not a hello');
    expect(await closed).toBe(4021);
    expect(errors.map((error) => (error as Error & { code?: string }).code)).toContain('TRANSPORT_INTERNAL');
    expect(errors.some((error) => error.message.includes('limiter store unavailable'))).toBe(true);
    expect(await pairs(current.url)).toBe(true);
  });

  it('survives clients that reset during an upgrade: wrong path, over the limit, on /relay', async () => {
    current = await startRelay({ maxConnectionsPerIp: 2 });
    const port = current.relay.address?.port as number;
    const url = current.url;
    const holders = [new WebSocket(url, RELAY_SUBPROTOCOL), new WebSocket(url, RELAY_SUBPROTOCOL)];
    for (const holder of holders) {
      holder.on('error', () => undefined);
      await new Promise((resolve) => holder.once('open', resolve));
    }
    for (let round = 0; round < 5; round++) {
      await upgradeAndReset(port, '/elsewhere');
      await upgradeAndReset(port, '/relay');
    }
    for (const holder of holders) holder.close();
    await waitFor(() => current?.relay.stats().connections === 0);
    expect(await pairs(current.url)).toBe(true);
  });
});
