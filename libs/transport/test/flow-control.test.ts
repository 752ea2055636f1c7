import { afterEach, describe, expect, it } from 'vitest';
import { createAgentClient, createGuestClient } from '../src/index';
import { AGENT_TOKEN, startRelay, type TestRelay } from './helpers';

let current: TestRelay | undefined;
afterEach(async () => {
  await current?.relay.close();
  current = undefined;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('flow control', () => {
  it('slows the sender to the speed of a reader that stops reading: memory stays bounded', async () => {
    current = await startRelay({ maxBufferedBytesPerSession: 1024 * 1024 });
    const session = await createAgentClient({ url: current.url, token: AGENT_TOKEN });
    const guest = await createGuestClient({ url: current.url, number: session.number });
    const agent = await session.waitForGuest();
    const chunk = new Uint8Array(64 * 1024).fill(1);
    let sent = 0;
    let sending = true;
    const sender = (async () => {
      while (sending) {
        await agent.send(chunk);
        sent += chunk.byteLength;
      }
    })();
    global.gc?.();
    const before = process.memoryUsage();
    await sleep(1_500); // the guest reads nothing meanwhile
    const stalled = sent;
    const relayBuffered = current.relay.stats().bufferedBytes;
    const after = process.memoryUsage();
    const grown = after.heapUsed + after.arrayBuffers - (before.heapUsed + before.arrayBuffers);
    console.log(
      `slow reader: sender pushed ${(stalled / 2 ** 20).toFixed(1)} MiB, relay holds ${(relayBuffered / 2 ** 20).toFixed(2)} MiB, process grew ${(grown / 2 ** 20).toFixed(1)} MiB`,
    );
    expect(stalled).toBeLessThan(48 * 1024 * 1024);
    expect(relayBuffered).toBeLessThan(4 * 1024 * 1024);
    expect(grown).toBeLessThan(96 * 1024 * 1024);

    let received = 0;
    for await (const bytes of guest) {
      received += bytes.byteLength;
      if (received >= stalled + 8 * chunk.byteLength) break;
    }
    sending = false;
    agent.close();
    await sender.catch(() => undefined);
    expect(received).toBeGreaterThan(stalled);
  });

  it('moves data through 200 concurrent paired sessions', async () => {
    current = await startRelay({
      maxConnectionsPerIp: 1000,
    });
    const url = current.url;
    const pairs = await Promise.all(
      Array.from({ length: 200 }, async () => {
        const session = await createAgentClient({ url, token: AGENT_TOKEN });
        const guest = await createGuestClient({ url, number: session.number });
        return { agent: await session.waitForGuest(), guest };
      }),
    );
    expect(current.relay.stats().liveSessions).toBe(200);
    const messages = 10;
    const size = 16 * 1024;
    const results = await Promise.all(
      pairs.map(async ({ agent, guest }, index) => {
        const expectBytes = async (iterable: AsyncIterable<Uint8Array>, tag: number) => {
          let count = 0;
          for await (const bytes of iterable) {
            if (bytes.byteLength !== size || bytes[0] !== tag || bytes[size - 1] !== (index & 0xff)) return -1;
            if (++count === messages) break;
          }
          return count;
        };
        const atAgent = expectBytes(agent, 1);
        const atGuest = expectBytes(guest, 2);
        const payload = (tag: number) => {
          const bytes = new Uint8Array(size).fill(index & 0xff);
          bytes[0] = tag;
          return bytes;
        };
        for (let i = 0; i < messages; i++) await Promise.all([guest.send(payload(1)), agent.send(payload(2))]);
        return [await atAgent, await atGuest];
      }),
    );
    expect(results.flat().every((count) => count === messages)).toBe(true);
    for (const { guest } of pairs) guest.close();
    await Promise.all(pairs.map(({ agent }) => agent.ended));
  });
});
