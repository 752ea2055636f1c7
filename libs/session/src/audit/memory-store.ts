import { AuditError, SessionErrorCode } from '../errors';
import { AUDIT_GENESIS_PREV, formatAuditLine, parseAuditLine, verifyAuditLines } from './chain';
import { type AuditRecord, type StoredAuditRecord, validateAuditRecord } from './records';
import { type AuditStore, auditQueries } from './store';

/** Options of {@link createMemoryAuditStore}. */
export interface MemoryAuditStoreOptions {
  /** Largest line accepted, in UTF-8 bytes. @default 65_536 */
  maxRecordBytes?: number;
}

/** An in-memory {@link AuditStore} that also exposes its lines, for tests and embedding. */
export interface MemoryAuditStore extends AuditStore {
  /** The log as it would be written to a JSONL file, one string per line. */
  readonly lines: readonly string[];
}

/**
 * SHA-256 hex of a line via WebCrypto (`globalThis.crypto.subtle`, Node ≥ 20 and browsers).
 *
 * @param line - a log line without its newline
 * @returns lowercase hex digest
 */
export async function sha256Hex(line: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(line));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Creates an in-memory audit store with the same line format and hash chain as the JSONL store
 * (durable only as long as the process lives).
 *
 * @param options - see {@link MemoryAuditStoreOptions}
 * @returns a new, empty store
 */
export function createMemoryAuditStore(options: MemoryAuditStoreOptions = {}): MemoryAuditStore {
  const maxRecordBytes = options.maxRecordBytes ?? 65_536;
  const lines: string[] = [];
  let lastHash = AUDIT_GENESIS_PREV;
  let closed = false;
  let tail: Promise<void> = Promise.resolve();
  const encoder = new TextEncoder();

  const readWhere = async (keep: (record: StoredAuditRecord) => boolean) => {
    await tail;
    const out: StoredAuditRecord[] = [];
    for (const line of lines) {
      const record = parseAuditLine(line);
      if (typeof record !== 'string' && keep(record)) out.push(record);
    }
    return out;
  };

  return {
    lines,
    append(record: AuditRecord) {
      if (closed) return Promise.reject(new AuditError(SessionErrorCode.AUDIT_CLOSED, 'audit store is closed'));
      try {
        validateAuditRecord(record);
      } catch (error) {
        return Promise.reject(error);
      }
      const written = tail.then(async () => {
        const line = formatAuditLine(record, lines.length, lastHash);
        if (encoder.encode(line).length > maxRecordBytes) {
          throw new AuditError(SessionErrorCode.AUDIT_RECORD_TOO_LARGE, 'audit record exceeds maxRecordBytes');
        }
        lines.push(line);
        lastHash = await sha256Hex(line);
      });
      tail = written.catch(() => undefined);
      return written;
    },
    ...auditQueries(readWhere),
    verify: async () => {
      await tail;
      return verifyAuditLines(lines, sha256Hex);
    },
    close: async () => {
      closed = true;
      await tail;
    },
  };
}
