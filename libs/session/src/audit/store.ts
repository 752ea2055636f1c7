import type { AuditVerifyResult } from './chain';
import type { AuditRecord, StoredAuditRecord } from './records';

/**
 * Where audit records go. A helpdesk can implement it over its own storage; the embedded
 * implementations are {@link createMemoryAuditStore} and `openJsonlAuditStore` from
 * `@fernhilfe/session/audit-jsonl`.
 */
export interface AuditStore {
  /**
   * Appends a record. Appends are serialised in call order.
   * @param record - the record
   * @returns resolves only once the record is durable (the caller may then acknowledge the event)
   * @throws `AuditError` `SESSION_AUDIT_INVALID_RECORD`, `SESSION_AUDIT_RECORD_TOO_LARGE`,
   *   `SESSION_AUDIT_CLOSED`, `SESSION_AUDIT_WRITE_FAILED`
   */
  append(record: AuditRecord): Promise<void>;
  /**
   * @param sessionId - a session id
   * @returns every durable record of that session, in log order
   */
  readBySession(sessionId: string): Promise<StoredAuditRecord[]>;
  /**
   * @param from - start, inclusive (ms since epoch or Date)
   * @param to - end, exclusive (ms since epoch or Date)
   * @returns every durable record whose `at` lies in `[from, to)`, in log order
   */
  readByTimeRange(from: number | Date, to: number | Date): Promise<StoredAuditRecord[]>;
  /**
   * Re-reads the whole log and checks the hash chain.
   * @returns `ok`, or the first bad line (1-based) and what is wrong with it
   */
  verify(): Promise<AuditVerifyResult>;
  /**
   * Waits for pending appends, then refuses further ones (`SESSION_AUDIT_CLOSED`). Idempotent.
   */
  close(): Promise<void>;
}

/** Converts a `from`/`to` bound to ms since epoch. */
export function toEpochMs(value: number | Date): number {
  return typeof value === 'number' ? value : value.getTime();
}

/** Reads every durable record that `keep` accepts, in log order. */
export type ReadAuditWhere = (keep: (record: StoredAuditRecord) => boolean) => Promise<StoredAuditRecord[]>;

/**
 * The queries of {@link AuditStore}, built on a store's own filtered read: the memory and
 * JSONL stores use it, and so can a helpdesk's own store.
 *
 * @param readWhere - how the store reads its records
 * @returns `readBySession` and `readByTimeRange`
 */
export function auditQueries(readWhere: ReadAuditWhere): Pick<AuditStore, 'readBySession' | 'readByTimeRange'> {
  return {
    readBySession: (sessionId) => readWhere((record) => 'sessionId' in record && record.sessionId === sessionId),
    readByTimeRange: (from, to) => {
      const start = toEpochMs(from);
      const end = toEpochMs(to);
      return readWhere((record) => {
        const at = Date.parse(record.at);
        return at >= start && at < end;
      });
    },
  };
}
