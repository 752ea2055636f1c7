import { afterEach, describe, expect, it } from 'vitest';
import { createAgentClient, createGuestClient, TransportErrorCode } from '../src/index';
import { AGENT_TOKEN, auditRecords, startFreezableForwarder, startRelay, type TestRelay, waitFor } from './helpers';

// Short enough to keep the tests quick, long enough that a busy machine (event loop stalls of a
// few hundred ms) does not drop a healthy connection: only the frozen one misses 2 s of beats.
const FAST_BEATS = { heartbeatIntervalMs: 250, heartbeatTimeoutMs: 2_000 };

let current: TestRelay | undefined;
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
  await current?.relay.close();
  current = undefined;
});

describe('heartbeats', () => {
  it('drops a guest that vanishes without closing; the agent learns peer-left', async () => {
    current = await startRelay(FAST_BEATS);
    const forwarder = await startFreezableForwarder(current.relay.address!.port);
    cleanups.push(forwarder.close);
    const session = await createAgentClient({ url: current.url, token: AGENT_TOKEN });
    const guest = await createGuestClient({
      url: `ws://127.0.0.1:${forwarder.port}/relay`,
      number: session.number,
      heartbeatIntervalMs: 60_000,
      heartbeatTimeoutMs: 60_000,
    });
    const agent = await session.waitForGuest();
    expect(guest.peer.org).toBe('Stadtwerke Test');
    forwarder.freeze();
    const end = await agent.ended;
    expect(end.reason).toBe('peer-lost');
    await waitFor(() => auditRecords(current!.audit).some((r) => r.type === 'session-ended'));
    expect(auditRecords(current.audit).find((r) => r.type === 'session-ended')?.reason).toBe('peer-lost');
  });

  it('lets a client notice a relay that went silent (TRANSPORT_HEARTBEAT_TIMEOUT)', async () => {
    current = await startRelay();
    const forwarder = await startFreezableForwarder(current.relay.address!.port);
    cleanups.push(forwarder.close);
    const session = await createAgentClient({
      url: `ws://127.0.0.1:${forwarder.port}/relay`,
      token: AGENT_TOKEN,
      ...FAST_BEATS,
    });
    await createGuestClient({ url: current.url, number: session.number });
    const agent = await session.waitForGuest();
    forwarder.freeze();
    const end = await agent.ended;
    expect(end.reason).toBe('peer-lost');
    expect(end.error?.code).toBe(TransportErrorCode.HEARTBEAT_TIMEOUT);
  });
});
