import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createAgentClient, createGuestClient, RELAY_SUBPROTOCOL } from '../src/index';
import { AGENT_TOKEN, startRelay, type TestRelay } from './helpers';

let current: TestRelay | undefined;
afterEach(async () => {
  await current?.relay.close();
  current = undefined;
});

function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, [RELAY_SUBPROTOCOL]);
    socket.on('open', () => {
      socket.close();
      resolve(101);
    });
    socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.on('error', () => undefined);
  });
}

describe('relay.drain', () => {
  it('turns not ready, refuses new peers with 503, lets a live session go on and closes when it ends', async () => {
    current = await startRelay();
    const { relay, url } = current;
    const session = await createAgentClient({ url, token: AGENT_TOKEN });
    const guest = await createGuestClient({ url, number: session.number });
    const agent = await session.waitForGuest();
    expect(relay.ready).toBe(true);
    let drained = false;
    const draining = relay.drain(60_000).then(() => {
      drained = true;
    });
    expect(relay.ready).toBe(false);
    expect(relay.stats().draining).toBe(true);
    expect(await upgradeStatus(url)).toBe(503);
    const toAgent = agent[Symbol.asyncIterator]();
    await guest.send(new Uint8Array([7]));
    expect((await toAgent.next()).value).toEqual(new Uint8Array([7]));
    expect(drained).toBe(false);
    guest.close();
    expect((await agent.ended).reason).toBe('guest-ended');
    await draining;
    expect(drained).toBe(true);
  });

  it('ends what is left with relay-shutdown when the drain timeout passes', async () => {
    current = await startRelay();
    const session = await createAgentClient({ url: current.url, token: AGENT_TOKEN });
    await current.relay.drain(200);
    await expect(session.waitForGuest()).rejects.toMatchObject({ code: 'TRANSPORT_RELAY_SHUTDOWN' });
  });
});
