import { createMemoryAuditStore } from '@fernhilfe/session';
import { afterEach, describe, expect, it } from 'vitest';
import { createAgentClient, createGuestClient } from '../src/index';
import { AGENT_TOKEN, auditRecords, startRelay, type TestRelay, waitFor } from './helpers';

let current: TestRelay | undefined;
afterEach(async () => {
  await current?.relay.close();
  current = undefined;
});

describe('the session-ended record', () => {
  it('is on record before either peer hears of the end', async () => {
    const audit = createMemoryAuditStore();
    const append = audit.append.bind(audit);
    audit.append = async (record) => {
      if (record.type === 'session-ended') await new Promise((resolve) => setTimeout(resolve, 300));
      return append(record);
    };
    current = await startRelay({ audit });
    const session = await createAgentClient({ url: current.url, token: AGENT_TOKEN });
    const guest = await createGuestClient({ url: current.url, number: session.number });
    const agent = await session.waitForGuest();
    agent.close('agent-ended');
    const ended = await guest.ended;
    expect(ended.reason).toBe('agent-ended');
    expect(auditRecords(audit).at(-1)).toMatchObject({
      type: 'session-ended',
      reason: 'agent-ended',
      endedBy: 'agent',
    });
  });

  it('does not let the agent state a reason that belongs to the customer', async () => {
    current = await startRelay();
    const session = await createAgentClient({ url: current.url, token: AGENT_TOKEN });
    const guest = await createGuestClient({ url: current.url, number: session.number });
    const agent = await session.waitForGuest();
    agent.close('consent-refused');
    await guest.ended;
    const audit = current.audit;
    await waitFor(() => auditRecords(audit).some((r) => r.type === 'session-ended'));
    expect(auditRecords(audit).at(-1)).toMatchObject({
      type: 'session-ended',
      reason: 'agent-ended',
      endedBy: 'agent',
    });
  });

  // `expired`: a consent timeout ends the session as expired, by the side that timed out.
  it.each(['guest-window-closed', 'expired'] as const)(
    'records the customer ending it (%s) as the guest',
    async (reason) => {
      current = await startRelay();
      const session = await createAgentClient({ url: current.url, token: AGENT_TOKEN });
      const guest = await createGuestClient({ url: current.url, number: session.number });
      const agent = await session.waitForGuest();
      guest.close(reason);
      expect((await agent.ended).reason).toBe(reason);
      const audit = current.audit;
      await waitFor(() => auditRecords(audit).some((r) => r.type === 'session-ended'));
      expect(auditRecords(audit).at(-1)).toMatchObject({ reason, endedBy: 'guest' });
    },
  );
});

describe('malformed hellos', () => {
  it('are audited as refused joins and raise the join delay', async () => {
    const { default: WebSocket } = await import('ws');
    const { RELAY_SUBPROTOCOL } = await import('../src/index');
    current = await startRelay();
    const tooLong = '1'.repeat(40);
    const socket = new WebSocket(current.url, RELAY_SUBPROTOCOL);
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    socket.send(JSON.stringify({ type: 'join', number: tooLong }));
    await new Promise((resolve) => socket.once('close', resolve));
    const audit = current.audit;
    await waitFor(() => auditRecords(audit).some((r) => r.type === 'join-refused'));
    expect(auditRecords(audit)).toEqual([
      expect.objectContaining({ type: 'join-refused', reason: 'malformed', number: tooLong.slice(0, 32) }),
    ]);
  });
});

describe('refused agents', () => {
  it('are audited and held back like wrong numbers', async () => {
    current = await startRelay();
    const { url, audit } = current;
    const codes: string[] = [];
    for (let attempt = 0; attempt < 8; attempt++) {
      const refused = await createAgentClient({ url, token: 'not-the-token-at-all' }).then(
        () => 'accepted',
        (error: { code?: string }) => error.code ?? 'none',
      );
      codes.push(refused);
    }
    expect(codes[0]).toBe('TRANSPORT_UNAUTHORIZED');
    expect(codes).toContain('TRANSPORT_RATE_LIMITED');
    expect(codes).not.toContain('accepted');
    const reasons = auditRecords(audit).map((r) => `${r.type}:${r.reason}`);
    expect(reasons[0]).toBe('agent-refused:unauthorized');
    expect(reasons).toContain('agent-refused:rate-limited');
    expect(reasons.every((r) => r.startsWith('agent-refused:'))).toBe(true);
  });
});
