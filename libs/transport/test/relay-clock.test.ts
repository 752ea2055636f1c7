import { afterEach, describe, expect, it } from 'vitest';
import { createAgentClient, type TransportError, TransportErrorCode } from '../src/index';
import { AGENT_TOKEN, auditRecords, startRelay, type TestRelay, waitFor } from './helpers';

let current: TestRelay | undefined;
afterEach(async () => {
  await current?.relay.close();
  current = undefined;
});

describe('the relay clock', () => {
  it('dates the audit records and drives the default registry: a number expires when the clock says so', async () => {
    const start = Date.UTC(2030, 0, 2, 3, 4, 5);
    let now = start;
    current = await startRelay({ clock: () => now, expirySweepMs: 50 });
    const session = await createAgentClient({ url: current.url, token: AGENT_TOKEN });
    expect(session.expiresAt).toBe(start + 600_000);
    const waiting = session.waitForGuest().catch((error: unknown) => error);

    // Real time passes (sweeps run), the relay's clock stands still: the number stays valid.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(current.relay.stats().waitingSessions).toBe(1);

    now = start + 600_000;
    expect(((await waiting) as TransportError).code).toBe(TransportErrorCode.EXPIRED);
    const audit = current.audit;
    await waitFor(() => auditRecords(audit).some((record) => record.type === 'session-ended'));
    expect(auditRecords(audit).map((record) => [record.type, record.at])).toEqual([
      ['session-created', new Date(start).toISOString()],
      ['session-ended', new Date(start + 600_000).toISOString()],
    ]);
  });
});
