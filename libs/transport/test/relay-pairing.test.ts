import { afterEach, describe, expect, it } from 'vitest';
import { createAgentClient, createGuestClient, RelayRejectedError, TransportErrorCode } from '../src/index';
import { AGENT_TOKEN, auditRecords, startRelay, type TestRelay, waitFor } from './helpers';

let current: TestRelay | undefined;
afterEach(async () => {
  await current?.relay.close();
  current = undefined;
});

async function collect(iterable: AsyncIterable<Uint8Array>, count: number): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for await (const bytes of iterable) {
    out.push(bytes);
    if (out.length === count) break;
  }
  return out;
}

describe('relay pairing', () => {
  it('creates, joins, pairs, moves bytes both ways, ends, and audits every step', async () => {
    current = await startRelay();
    const { url, audit } = current;
    const session = await createAgentClient({ url, token: AGENT_TOKEN });
    expect(session.number).toMatch(/^\d{8}$/);
    expect(session.expiresAt).toBeGreaterThan(Date.now());
    const guest = await createGuestClient({ url, number: `${session.number.slice(0, 4)} ${session.number.slice(4)}` });
    const agent = await session.waitForGuest();
    expect(guest.peer).toEqual({ sessionId: session.sessionId, org: 'Stadtwerke Test', agentName: 'Frau Weber' });
    expect(agent.peer.sessionId).toBe(session.sessionId);

    const toAgent = collect(agent, 3);
    const toGuest = collect(guest, 2);
    for (const n of [1, 2, 3]) await guest.send(new Uint8Array([n, n, n]));
    await agent.send(new Uint8Array(70_000).fill(7));
    await agent.send(new Uint8Array([9]));
    expect((await toAgent).map((b) => b[0])).toEqual([1, 2, 3]);
    const guestGot = await toGuest;
    expect(guestGot[0]?.byteLength).toBe(70_000);
    expect(guestGot[1]).toEqual(new Uint8Array([9]));

    guest.close();
    expect((await agent.ended).reason).toBe('guest-ended');
    expect((await guest.ended).reason).toBe('guest-ended');
    await waitFor(() => auditRecords(audit).some((r) => r.type === 'session-ended'));
    const records = auditRecords(audit);
    expect(records.map((r) => r.type)).toEqual(['session-created', 'guest-joined', 'session-ended']);
    expect(records[2]).toMatchObject({
      sessionId: session.sessionId,
      reason: 'guest-ended',
      bytes: { guestToAgent: 9, agentToGuest: 70_001 },
    });
    expect((await audit.verify()).ok).toBe(true);
  });

  it('refuses a wrong token with UNAUTHORIZED', async () => {
    current = await startRelay();
    const error = await createAgentClient({ url: current.url, token: 'nope' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RelayRejectedError);
    expect((error as RelayRejectedError).code).toBe(TransportErrorCode.UNAUTHORIZED);
  });

  it('refuses unknown, reused and expired numbers with typed errors and audits them', async () => {
    current = await startRelay({ expirySweepMs: 50 });
    const { url, audit } = current;
    const unknown = await createGuestClient({ url, number: '00000000' }).catch((e: unknown) => e);
    expect((unknown as RelayRejectedError).code).toBe(TransportErrorCode.UNKNOWN_NUMBER);

    const session = await createAgentClient({ url, token: AGENT_TOKEN });
    await createGuestClient({ url, number: session.number });
    const reused = await createGuestClient({ url, number: session.number }).catch((e: unknown) => e);
    expect((reused as RelayRejectedError).code).toBe(TransportErrorCode.ALREADY_TAKEN);

    const refused = auditRecords(audit).filter((r) => r.type === 'join-refused');
    expect(refused.map((r) => r.reason)).toEqual(['unknown', 'taken']);
  });
});
