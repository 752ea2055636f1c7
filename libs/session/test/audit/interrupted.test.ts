import { describe, expect, it } from 'vitest';
import { closeInterruptedSessions, createMemoryAuditStore } from '../../src/index';
import { sessionRecords } from './fixtures/records';

describe('closeInterruptedSessions', () => {
  it('closes sessions left open as interrupted', async () => {
    const store = createMemoryAuditStore();
    const [created] = sessionRecords('open', 0);
    await store.append(created!);
    for (const record of sessionRecords('closed', 0)) await store.append(record);
    const appended = await closeInterruptedSessions(store, { clock: () => 42 });
    expect(appended.map((r) => [r.sessionId, r.reason])).toEqual([['open', 'interrupted']]);
    expect(await closeInterruptedSessions(store)).toEqual([]);
    expect((await store.verify()).ok).toBe(true);
  });

  it('copies number and agent from the session-created record', async () => {
    const store = createMemoryAuditStore();
    await store.append(sessionRecords('x', 0)[0]!);
    const [ended] = await closeInterruptedSessions(store, { clock: () => Date.UTC(2026, 10, 28) });
    expect(ended).toMatchObject({
      type: 'session-ended',
      at: '2026-11-28T00:00:00.000Z',
      sessionId: 'x',
      number: '12345671',
      agent: { id: 'agent-7' },
      bytes: { guestToAgent: 0, agentToGuest: 0 },
    });
  });
});
