import { AuditError, SessionErrorCode } from '../errors';
import { type AuditAnchor, auditAnchorMacValid } from './anchor';
import type { AuditKey } from './key';
import { type AuditRecord, type StoredAuditRecord, validateAuditRecord } from './records';

/** `prev` of the first line of a log: 64 zeros. */
export const AUDIT_GENESIS_PREV = '0'.repeat(64);

/** Hashes one line (without its newline) to lowercase SHA-256 hex. */
export type AuditLineHasher = (line: string) => string | Promise<string>;

/**
 * Stable result codes of {@link verifyAuditLines}: what is wrong where the log stops verifying.
 * A code keeps its meaning forever.
 */
export const AuditVerifyProblem = {
  /** The line is not a JSON object. */
  NOT_JSON: 'not-json',
  /** The line is JSON but not a valid stored record. */
  INVALID_RECORD: 'invalid-record',
  /** `seq` does not count on from the line before (a line was removed or inserted). */
  WRONG_SEQ: 'wrong-seq',
  /** An unkeyed line's `prev` is not the SHA-256 of the line before (edited or corrupted). */
  WRONG_PREV: 'wrong-prev',
  /** A keyed line's `prev` is not the HMAC of the line before under the key: edited, or recomputed without the key. */
  BAD_MAC: 'bad-mac',
  /** A keyed line or the anchor names another key than the one given. */
  WRONG_KEY: 'wrong-key',
  /** The line is keyed but no key was given: its link cannot be checked. */
  KEY_REQUIRED: 'key-required',
  /**
   * A key was given but the line is unkeyed although it comes after a keyed line or at or after
   * `keyedFrom`: the chain was rewritten without the key.
   */
  NOT_KEYED: 'not-keyed',
  /** The anchor names a line beyond the end of the log: lines were cut off. */
  TRUNCATED: 'truncated',
  /** The line the anchor names does not hash to the anchor's `hash`. */
  ANCHOR_MISMATCH: 'anchor-mismatch',
  /** The anchor's MAC is not valid under the key: the anchor was forged or altered. */
  ANCHOR_BAD_MAC: 'anchor-bad-mac',
} as const;

/** One of the stable codes in {@link AuditVerifyProblem}. */
export type AuditLineProblem = (typeof AuditVerifyProblem)[keyof typeof AuditVerifyProblem];

/** What {@link verifyAuditLines} checks besides the plain hash chain. */
export interface AuditVerifyOptions {
  /** The log's key: keyed lines are checked with it. Without it, a keyed line gives `key-required`. */
  key?: AuditKey;
  /** The last anchor the auditor kept: the log must reach `anchor.seq` and match its hash there. */
  anchor?: AuditAnchor;
  /**
   * With a key: lines from this `seq` on must be keyed (earlier ones may be unkeyed, written before
   * the key was set). @default `anchor.keyedFrom`, else 0 (every line keyed)
   */
  keyedFrom?: number;
}

/** The whole chain verified. */
export interface AuditChainIntact {
  /** Always `true`. */
  ok: true;
  /** Number of lines. */
  records: number;
  /** The `prev` of the next line: SHA-256 hex of the last line, or its HMAC when a key was given. */
  lastHash: string;
  /** SHA-256 hex of the last line ({@link AUDIT_GENESIS_PREV} for an empty log), as an anchor names it. */
  lastLineHash: string;
  /** `seq` of the first keyed line; `records` if none is keyed. */
  keyedFrom: number;
}

/** The chain breaks at `line`. */
export interface AuditChainBroken {
  /** Always `false`. */
  ok: false;
  /** Number of good lines before the bad one. */
  records: number;
  /** 1-based number of the first bad line (for `truncated`: the first missing line). */
  line: number;
  /** What is wrong with it. */
  problem: AuditLineProblem;
}

/** Result of verifying a log. */
export type AuditVerifyResult = AuditChainIntact | AuditChainBroken;

/**
 * Serialises a record as one log line: `{"seq":…,"prev":…,<record fields>}`, or
 * `{"seq":…,"prev":…,"keyId":…,<record fields>}` in a keyed log; no newline.
 * JSON escapes every newline inside strings, so a record is always exactly one line.
 *
 * @param record - a valid record
 * @param seq - its 0-based position
 * @param prev - link to the previous line ({@link AUDIT_GENESIS_PREV} for the first, else {@link auditLink})
 * @param keyId - the key's id in a keyed log
 * @returns the line
 * @throws {@link AuditError} `SESSION_AUDIT_INVALID_RECORD` if the record cannot be serialised (cycles, BigInt)
 */
export function formatAuditLine(record: AuditRecord, seq: number, prev: string, keyId?: string): string {
  try {
    return JSON.stringify({ seq, prev, keyId, ...record });
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
  const { seq, prev, keyId, ...record } = value as Record<string, unknown>;
  if (typeof seq !== 'number' || typeof prev !== 'string' || !/^[0-9a-f]{64}$/.test(prev)) return 'invalid-record';
  if (keyId !== undefined && (typeof keyId !== 'string' || !/^[0-9a-f]{16}$/.test(keyId))) return 'invalid-record';
  try {
    validateAuditRecord(record);
  } catch {
    return 'invalid-record';
  }
  return value as StoredAuditRecord;
}

/**
 * The link a line gets in the next line's `prev`.
 *
 * @param line - a line without its newline
 * @param hash - SHA-256 hex of a line
 * @param key - the key, when the next line is keyed
 * @returns HMAC-SHA256 hex of the line under `key`, else its SHA-256 hex
 */
export function auditLink(line: string, hash: AuditLineHasher, key?: AuditKey): string | Promise<string> {
  return key === undefined ? hash(line) : key.mac(line);
}

type LineCheck = { problem: AuditLineProblem } | { keyed: boolean };

async function checkLink(
  parsed: StoredAuditRecord,
  previous: string | undefined,
  mustBeKeyed: boolean,
  hash: AuditLineHasher,
  key: AuditKey | undefined,
): Promise<LineCheck> {
  if (parsed.keyId === undefined) {
    if (mustBeKeyed) return { problem: 'not-keyed' };
    const expected = previous === undefined ? AUDIT_GENESIS_PREV : await hash(previous);
    return parsed.prev === expected ? { keyed: false } : { problem: 'wrong-prev' };
  }
  if (key === undefined) return { problem: 'key-required' };
  if (parsed.keyId !== key.id) return { problem: 'wrong-key' };
  const expected = previous === undefined ? AUDIT_GENESIS_PREV : key.mac(previous);
  return parsed.prev === expected ? { keyed: true } : { problem: 'bad-mac' };
}

function anchorProblem(anchor: AuditAnchor, key: AuditKey | undefined): AuditLineProblem | undefined {
  if (key === undefined) return undefined;
  if (anchor.keyId !== key.id) return 'wrong-key';
  return auditAnchorMacValid(key, anchor) ? undefined : 'anchor-bad-mac';
}

/**
 * Verifies a log: each line parses, `seq` counts from 0, and `prev` links to the line before:
 * SHA-256 in unkeyed lines, HMAC-SHA256 under `options.key` in keyed ones (lines carrying
 * `keyId`). Given a key, every line from `keyedFrom` on, and every line after a keyed one, must be
 * keyed, so a chain recomputed without the key fails. With `options.anchor`, the log must
 * also reach the anchor's line and hash to the anchor's `hash` there, and, given the key, the
 * anchor's MAC must be valid. Stops at the first problem.
 *
 * What it detects: without key or anchor, only accidental damage (anyone can recompute SHA-256).
 * With the key, any edit, insertion or removal before the last line. With an anchor, also a cut
 * tail and any change up to the anchored line.
 *
 * @param lines - the log's complete lines, in order, without newlines (sync or async iterable)
 * @param hash - SHA-256 hex of a line
 * @param options - the key and the anchor, see {@link AuditVerifyOptions}
 * @returns `ok` with the count and last hashes, or the first bad line and its {@link AuditVerifyProblem}
 */
export async function verifyAuditLines(
  lines: Iterable<string> | AsyncIterable<string>,
  hash: AuditLineHasher,
  options: AuditVerifyOptions = {},
): Promise<AuditVerifyResult> {
  const { key, anchor } = options;
  const keyedFrom = options.keyedFrom ?? anchor?.keyedFrom ?? 0;
  const broken = (records: number, problem: AuditLineProblem): AuditChainBroken => ({
    ok: false,
    records,
    line: records + 1,
    problem,
  });
  const anchored = anchor === undefined ? undefined : anchorProblem(anchor, key);
  if (anchor !== undefined && anchored !== undefined) {
    return { ok: false, records: 0, line: anchor.seq + 1, problem: anchored };
  }
  let previous: string | undefined;
  let firstKeyed: number | undefined;
  let index = 0;
  for await (const line of lines) {
    const parsed = parseAuditLine(line);
    if (typeof parsed === 'string') return broken(index, parsed);
    if (parsed.seq !== index) return broken(index, 'wrong-seq');
    const mustBeKeyed = key !== undefined && (firstKeyed !== undefined || index >= keyedFrom);
    const link = await checkLink(parsed, previous, mustBeKeyed, hash, key);
    if ('problem' in link) return broken(index, link.problem);
    if (link.keyed) firstKeyed ??= index;
    if (anchor?.seq === index && (await hash(line)) !== anchor.hash) return broken(index, 'anchor-mismatch');
    previous = line;
    index++;
  }
  if (anchor !== undefined && index <= anchor.seq) return broken(index, 'truncated');
  if (previous === undefined) {
    return { ok: true, records: 0, lastHash: AUDIT_GENESIS_PREV, lastLineHash: AUDIT_GENESIS_PREV, keyedFrom: 0 };
  }
  return {
    ok: true,
    records: index,
    lastHash: await auditLink(previous, hash, key),
    lastLineHash: await hash(previous),
    keyedFrom: firstKeyed ?? index,
  };
}
