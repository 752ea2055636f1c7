import { END_REASON_SENDERS } from '@fernhilfe/session';
import { describe, expect, it } from 'vitest';
import { PEER_END_REASONS } from '../src/index';

// That `expired` among them reaches the audit log as the guest's: relay-end-record.test.ts.
describe('end reasons a peer states to the relay', () => {
  it('are exactly those a side of the call may state', () => {
    const bySide = Object.entries(END_REASON_SENDERS)
      .filter(([, senders]) => senders.includes('guest') || senders.includes('viewer'))
      .map(([reason]) => reason);
    expect([...PEER_END_REASONS].sort()).toEqual(bySide.sort());
  });
});
