import type { SessionCreatedRecord, SessionEndedRecord } from './records';
import type { AuditStore } from './store';

/** Options of {@link closeInterruptedSessions}. */
export interface CloseInterruptedOptions {
  /** Clock in ms since epoch, for the `at` of the new records. @default Date.now */
  clock?: () => number;
}

/**
 * After a relay restart: finds every session the log shows as created but never ended and
 * appends a `session-ended` record with reason `interrupted` for each (docs/architecture.md, "Data that
 * must not be lost"). Call it once, before accepting new sessions.
 *
 * @param store - the reopened audit store
 * @param options - see {@link CloseInterruptedOptions}
 * @returns the records appended, in log order
 * @throws {@link AuditError} from `append`
 */
export async function closeInterruptedSessions(
  store: AuditStore,
  options: CloseInterruptedOptions = {},
): Promise<SessionEndedRecord[]> {
  const clock = options.clock ?? Date.now;
  const open = new Map<string, SessionCreatedRecord>();
  for (const record of await store.readByTimeRange(0, Number.MAX_SAFE_INTEGER)) {
    if (record.type === 'session-created') open.set(record.sessionId, record);
    else if (record.type === 'session-ended') open.delete(record.sessionId);
  }
  const appended: SessionEndedRecord[] = [];
  for (const created of open.values()) {
    const ended: SessionEndedRecord = {
      type: 'session-ended',
      at: new Date(clock()).toISOString(),
      sessionId: created.sessionId,
      number: created.number,
      agent: created.agent,
      reason: 'interrupted',
      bytes: { guestToAgent: 0, agentToGuest: 0 },
    };
    await store.append(ended);
    appended.push(ended);
  }
  return appended;
}
