import { AuditError, SessionErrorCode } from '../errors';
import { type AuditRecord, type StoredAuditRecord, validateAuditRecord } from './records';

/** `prev` of the first line of a log: 64 zeros. */
export const AUDIT_GENESIS_PREV = '0'.repeat(64);

/** Hashes one line (without its newline) to lowercase SHA-256 hex. */
export type AuditLineHasher = (line: string) => string | Promise<string>;

/** What is wrong with a line that breaks the chain. */
export type AuditLineProblem = 'not-json' | 'invalid-record' | 'wrong-seq' | 'wrong-prev';

/** The whole chain verified. */
export interface AuditChainIntact {
  /** Always `true`. */
  ok: true;
  /** Number of lines. */
  records: number;
  /** SHA-256 hex of the last line: the `prev` of the next one. */
  lastHash: string;
}

/** The chain breaks at `line`. */
export interface AuditChainBroken {
  /** Always `false`. */
  ok: false;
  /** Number of good lines before the bad one. */
  records: number;
  /** 1-based number of the first bad line. */
  line: number;
  /** What is wrong with it. */
  problem: AuditLineProblem;
}

/** Result of verifying a log. */
export type AuditVerifyResult = AuditChainIntact | AuditChainBroken;

/**
 * Serialises a record as one log line: `{"seq":…,"prev":…,<record fields>}`, no newline.
 * JSON escapes every newline inside strings, so a record is always exactly one line.
 *
 * @param record - a valid record
 * @param seq - its 0-based position
 * @param prev - hash of the previous line ({@link AUDIT_GENESIS_PREV} for the first)
 * @returns the line
 * @throws {@link AuditError} `SESSION_AUDIT_INVALID_RECORD` if the record cannot be serialised (cycles, BigInt)
 */
export function formatAuditLine(record: AuditRecord, seq: number, prev: string): string {
  try {
    return JSON.stringify({ seq, prev, ...record });
  } catch (cause) {
    throw new AuditError(SessionErrorCode.AUDIT_INVALID_RECORD, 'audit record is not serialisable', { cause });
  }
}

/**
 * Parses one log line.
 *
 * @param line - a line without its newline
 * @returns the stored record, or the problem that makes it unreadable
 */
export function parseAuditLine(line: string): StoredAuditRecord | 'not-json' | 'invalid-record' {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return 'not-json';
  }
  if (typeof value !== 'object' || value === null) return 'not-json';
  const { seq, prev, ...record } = value as Record<string, unknown>;
  if (typeof seq !== 'number' || typeof prev !== 'string' || !/^[0-9a-f]{64}$/.test(prev)) return 'invalid-record';
  try {
    validateAuditRecord(record);
  } catch {
    return 'invalid-record';
  }
  return value as StoredAuditRecord;
}

/**
 * Verifies a chain of lines: each parses, `seq` counts from 0, and `prev` is the hash of the
 * line before. Stops at the first bad line.
 *
 * @param lines - the log's complete lines, in order, without newlines (sync or async iterable)
 * @param hash - SHA-256 hex of a line
 * @returns `ok` with the count and last hash, or the first bad line and its problem
 */
export async function verifyAuditLines(
  lines: Iterable<string> | AsyncIterable<string>,
  hash: AuditLineHasher,
): Promise<AuditVerifyResult> {
  let expectedPrev = AUDIT_GENESIS_PREV;
  let index = 0;
  for await (const line of lines) {
    const parsed = parseAuditLine(line);
    if (typeof parsed === 'string') return { ok: false, records: index, line: index + 1, problem: parsed };
    if (parsed.seq !== index) return { ok: false, records: index, line: index + 1, problem: 'wrong-seq' };
    if (parsed.prev !== expectedPrev) return { ok: false, records: index, line: index + 1, problem: 'wrong-prev' };
    expectedPrev = await hash(line);
    index++;
  }
  return { ok: true, records: index, lastHash: expectedPrev };
}
