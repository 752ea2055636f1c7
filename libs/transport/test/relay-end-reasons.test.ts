import { END_REASON_SENDERS } from '@fernhilfe/session';
import { afterEach, describe, expect, it } from 'vitest';
import { createAgentClient, createGuestClient, PEER_END_REASONS } from '../src/index';
import { AGENT_TOKEN, auditRecords, startRelay, type TestRelay, waitFor } from './helpers';

let current: TestRelay | undefined;
afterEach(async () => {
  await current?.relay.close();
  current = undefined;
});

describe('end reasons a peer states to the relay', () => {
  it('are exactly those a side of the call may state', () => {
    const bySide = Object.entries(END_REASON_SENDERS)
      .filter(([, senders]) => senders.includes('guest') || senders.includes('viewer'))
      .map(([reason]) => reason);
    expect([...PEER_END_REASONS].sort()).toEqual(bySide.sort());
  });

  it('include expired: a consent timeout ends the session as expired, by the side that timed out', async () => {
    current = await startRelay();
    const session = await createAgentClient({ url: current.url, token: AGENT_TOKEN });
    const guest = await createGuestClient({ url: current.url, number: session.number });
    const agent = await session.waitForGuest();
    guest.close('expired');
    expect((await agent.ended).reason).toBe('expired');
    const audit = current.audit;
    await waitFor(() => auditRecords(audit).some((r) => r.type === 'session-ended'));
    expect(auditRecords(audit).at(-1)).toMatchObject({ reason: 'expired', endedBy: 'guest' });
  });
});
