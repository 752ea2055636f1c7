import { type FileHandle, open, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  AUDIT_GENESIS_PREV,
  type AuditAnchor,
  AuditError,
  type AuditKey,
  type AuditRecord,
  type AuditStore,
  type AuditVerifyResult,
  auditLink,
  auditQueries,
  createAuditAnchor,
  formatAuditLine,
  parseAuditLine,
  SessionErrorCode,
  type StoredAuditRecord,
  validateAuditRecord,
  verifyAuditLines,
} from '@fernhilfe/session';
import { readAuditAnchorFile, writeAuditAnchorFile } from './anchor-file';
import { copyRangeDurably, endOfLastLine, readLines, sha256Line, syncDirectory, writeFully } from './jsonl-files';

/** Options of {@link openJsonlAuditStore}. */
export interface JsonlAuditStoreOptions {
  /**
   * Concurrent appends share one write and one fsync (each still resolves only once durable).
   * @default true
   */
  groupCommit?: boolean;
  /** Largest line accepted, in UTF-8 bytes. @default 65_536 */
  maxRecordBytes?: number;
  /**
   * Open a log whose chain does not verify and continue it from its last line, instead of
   * refusing with `SESSION_AUDIT_CHAIN_BROKEN`. The break stays visible to `verify()`.
   * @default false
   */
  allowBrokenChain?: boolean;
  /** Called once during open if a partial last line was found and moved aside. */
  onRecovery?: (recovery: AuditRecovery) => void;
  /** Clock in ms since epoch: names the file a partial line is kept in, dates anchors. @default Date.now */
  clock?: () => number;
  /**
   * The operator's key. New lines are keyed (`prev` is an HMAC-SHA256 under it, `keyId` names it)
   * and anchors are written; a log keyed with another key, or keyed while no key is given, is
   * refused with `SESSION_AUDIT_KEY_MISMATCH`. Without it the log is a plain SHA-256 chain, which
   * detects accidental damage only.
   */
  key?: AuditKey;
  /** Where anchors are kept (with a key): replaced atomically, checked on open. @default `<path>.anchor` */
  anchorPath?: string;
  /** With a key: write an anchor once this many records are durable beyond the last anchor. @default 1000 */
  anchorEveryRecords?: number;
  /** With a key: write an anchor after a flush once this much time has passed since the last one. @default 60_000 */
  anchorIntervalMs?: number;
  /** Called after each anchor is durably written (e.g. to ship it to another log host). */
  onAnchor?: (anchor: AuditAnchor) => void;
}

/** What open found and did about a partial last line (a write cut short by a crash). */
export interface AuditRecovery {
  /** 1-based line number the partial line would have had. */
  line: number;
  /** Its length in bytes. */
  bytes: number;
  /** Where its bytes were kept: `<file>.partial-<timestamp>`. */
  keptAt: string;
}

/** The JSONL {@link AuditStore}, with what its open found. */
export interface JsonlAuditStore extends AuditStore {
  /** Path of the log. */
  readonly path: string;
  /** The partial line recovered during open, if any. */
  readonly recovery: AuditRecovery | undefined;
  /** The chain problem found during open when `allowBrokenChain` let it open anyway. */
  readonly brokenChain: AuditVerifyResult | undefined;
  /** Number of lines durably in the log. */
  readonly records: number;
  /** The last anchor written, or found on open; `undefined` without a key. */
  readonly anchor: AuditAnchor | undefined;
}

interface PendingAppend {
  bytes: Buffer;
  lineHash: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

function openFailed(path: string, cause: unknown): AuditError {
  return new AuditError(SessionErrorCode.AUDIT_OPEN_FAILED, `cannot open audit log ${path}`, { cause });
}

async function lastLineState(handle: FileHandle, end: number, maxLine: number, key: AuditKey | undefined) {
  let count = 0;
  let last: string | undefined;
  for await (const line of readLines(handle, end, maxLine)) {
    count++;
    last = line;
  }
  if (last === undefined) return { count, lastHash: AUDIT_GENESIS_PREV, lastLineHash: AUDIT_GENESIS_PREV };
  return { count, lastHash: await auditLink(last, sha256Line, key), lastLineHash: sha256Line(last) };
}

function refuseChain(path: string, verified: AuditVerifyResult & { ok: false }): AuditError {
  const where = `audit log ${path} breaks at line ${verified.line} (${verified.problem})`;
  if (verified.problem === 'key-required') {
    return new AuditError(SessionErrorCode.AUDIT_KEY_MISMATCH, `${where}: it is keyed; give its key`);
  }
  if (verified.problem === 'wrong-key') {
    return new AuditError(SessionErrorCode.AUDIT_KEY_MISMATCH, `${where}: it was written with another key`);
  }
  return new AuditError(SessionErrorCode.AUDIT_CHAIN_BROKEN, where);
}

async function keepPartialLine(handle: FileHandle, path: string, from: number, to: number, now: number) {
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  for (let attempt = 0; ; attempt++) {
    const keptAt = `${path}.partial-${stamp}${attempt === 0 ? '' : `-${attempt}`}`;
    try {
      await copyRangeDurably(handle, from, to, keptAt);
      await syncDirectory(dirname(path));
      return keptAt;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 100) throw error;
    }
  }
}

/**
 * Opens (or creates) an append-only JSONL audit log: one record per line, each line carrying
 * `prev` = SHA-256 hex of the previous line (HMAC-SHA256 under `key` when one is given), every
 * append fsynced (fdatasync) before its promise resolves. On open it verifies the chain of
 * complete lines (and, with a key, the anchor file) and recovers from a crash: a partial
 * last line is copied to `<file>.partial-<timestamp>`, reported through `onRecovery` and
 * `recovery`, and cut off so the chain continues. One process may write a log at a time.
 *
 * With a key it writes an anchor (see `AuditAnchor`) to `anchorPath` on open, every
 * `anchorEveryRecords` records or `anchorIntervalMs`, and on close; an anchor only ever names
 * records already fsynced.
 *
 * @param path - the log file
 * @param options - see {@link JsonlAuditStoreOptions}
 * @returns the open store
 * @throws `AuditError` (from `@fernhilfe/session`) `SESSION_AUDIT_CHAIN_BROKEN` if the chain does not verify or is shorter than
 *   its anchor (unless `allowBrokenChain`), `SESSION_AUDIT_KEY_MISMATCH` if it is keyed with another
 *   key or no key was given for a keyed log, `SESSION_AUDIT_ANCHOR_INVALID` for an unreadable anchor
 *   file, `SESSION_AUDIT_OPEN_FAILED` if the file cannot be opened, read or recovered
 */
export async function openJsonlAuditStore(
  path: string,
  options: JsonlAuditStoreOptions = {},
): Promise<JsonlAuditStore> {
  const groupCommit = options.groupCommit ?? true;
  const maxRecordBytes = options.maxRecordBytes ?? 65_536;
  const maxLineBytes = maxRecordBytes * 4;
  const clock = options.clock ?? Date.now;
  const { key, onAnchor } = options;
  const anchorPath = options.anchorPath ?? `${path}.anchor`;
  const anchorEveryRecords = options.anchorEveryRecords ?? 1000;
  const anchorIntervalMs = options.anchorIntervalMs ?? 60_000;

  const existed = await stat(path).then(
    () => true,
    () => false,
  );
  const handle = await open(path, 'a+').catch((cause: unknown) => {
    throw openFailed(path, cause);
  });
  let recovery: AuditRecovery | undefined;
  let brokenChain: AuditVerifyResult | undefined;
  let durableSize: number;
  let seq: number;
  let lastHash: string;
  let durableLineHash: string;
  let keyedFromSeq: number;
  let anchor: AuditAnchor | undefined;
  try {
    if (!existed) await syncDirectory(dirname(path));
    if (key !== undefined) anchor = await readAuditAnchorFile(anchorPath);
    const size = (await handle.stat()).size;
    durableSize = await endOfLastLine(handle, size);
    // Without an anchor file, an unkeyed prefix is accepted: the log was started before the key was set.
    const keyedFrom = anchor?.keyedFrom ?? Number.MAX_SAFE_INTEGER;
    const verified = await verifyAuditLines(readLines(handle, durableSize, maxLineBytes), sha256Line, {
      key,
      anchor,
      keyedFrom,
    });
    if (!verified.ok) {
      const refusal = refuseChain(path, verified);
      if (!options.allowBrokenChain || refusal.code === SessionErrorCode.AUDIT_KEY_MISMATCH) throw refusal;
      brokenChain = verified;
    }
    const state = verified.ok
      ? { count: verified.records, lastHash: verified.lastHash, lastLineHash: verified.lastLineHash }
      : await lastLineState(handle, durableSize, maxLineBytes, key);
    seq = state.count;
    lastHash = state.lastHash;
    durableLineHash = state.lastLineHash;
    keyedFromSeq = anchor?.keyedFrom ?? (verified.ok ? verified.keyedFrom : seq);
    if (durableSize < size) {
      const keptAt = await keepPartialLine(handle, path, durableSize, size, clock());
      await handle.truncate(durableSize);
      await handle.sync();
      recovery = { line: seq + 1, bytes: size - durableSize, keptAt };
      options.onRecovery?.(recovery);
    }
  } catch (error) {
    await handle.close();
    throw error instanceof AuditError ? error : openFailed(path, error);
  }

  const pending: PendingAppend[] = [];
  let flushing: Promise<void> | undefined;
  let failure: AuditError | undefined;
  let closed = false;
  let closing: Promise<void> | undefined;
  let records = seq;
  let anchoredRecords = anchor === undefined ? 0 : anchor.seq + 1;
  let anchoredAt = clock();

  // Only ever called between flushes, so `records` and `durableLineHash` name fsynced lines.
  const writeAnchor = async () => {
    if (key === undefined || records === 0 || records === anchoredRecords) return;
    const next = createAuditAnchor(key, records - 1, durableLineHash, clock(), keyedFromSeq);
    await writeAuditAnchorFile(anchorPath, next).catch((cause: unknown) => {
      throw new AuditError(SessionErrorCode.AUDIT_WRITE_FAILED, `writing ${anchorPath} failed`, { cause });
    });
    anchor = next;
    anchoredRecords = records;
    anchoredAt = clock();
    onAnchor?.(next);
  };

  const anchorDue = () => records - anchoredRecords >= anchorEveryRecords || clock() - anchoredAt >= anchorIntervalMs;

  const flush = async () => {
    while (pending.length > 0) {
      const batch = groupCommit ? pending.splice(0) : pending.splice(0, 1);
      const bytes = batch.length === 1 ? batch[0]!.bytes : Buffer.concat(batch.map((item) => item.bytes));
      try {
        await writeFully(handle, bytes);
        await handle.datasync();
      } catch (cause) {
        failure = new AuditError(SessionErrorCode.AUDIT_WRITE_FAILED, `writing ${path} failed`, { cause });
        for (const item of [...batch, ...pending.splice(0)]) item.reject(failure);
        return;
      }
      durableSize += bytes.length;
      records += batch.length;
      durableLineHash = batch[batch.length - 1]!.lineHash;
      for (const item of batch) item.resolve();
      if (!anchorDue()) continue;
      try {
        await writeAnchor();
      } catch (error) {
        failure = error as AuditError;
        for (const item of pending.splice(0)) item.reject(failure);
        return;
      }
    }
  };

  try {
    await writeAnchor();
  } catch (error) {
    await handle.close();
    throw error;
  }

  const kick = () => {
    if (flushing !== undefined) return;
    flushing = flush().finally(() => {
      flushing = undefined;
      if (pending.length > 0) kick();
    });
  };

  const idle = async () => {
    while (flushing !== undefined) await flushing;
  };

  const assertReadable = () => {
    if (closed) throw new AuditError(SessionErrorCode.AUDIT_CLOSED, 'audit store is closed');
  };

  const readWhere = async (keep: (record: StoredAuditRecord) => boolean) => {
    assertReadable();
    const out: StoredAuditRecord[] = [];
    for await (const line of readLines(handle, durableSize, maxLineBytes)) {
      const record = parseAuditLine(line);
      if (typeof record !== 'string' && keep(record)) out.push(record);
    }
    return out;
  };

  return {
    path,
    get recovery() {
      return recovery;
    },
    get brokenChain() {
      return brokenChain;
    },
    get records() {
      return records;
    },
    get anchor() {
      return anchor;
    },

    append(record: AuditRecord) {
      if (closed) return Promise.reject(new AuditError(SessionErrorCode.AUDIT_CLOSED, 'audit store is closed'));
      if (failure !== undefined) return Promise.reject(failure);
      let line: string;
      try {
        validateAuditRecord(record);
        line = formatAuditLine(record, seq, lastHash, key?.id);
      } catch (error) {
        return Promise.reject(error);
      }
      const bytes = Buffer.from(`${line}\n`, 'utf8');
      if (bytes.length - 1 > maxRecordBytes) {
        return Promise.reject(
          new AuditError(SessionErrorCode.AUDIT_RECORD_TOO_LARGE, `audit line of ${bytes.length - 1} bytes`),
        );
      }
      seq++;
      const lineHash = sha256Line(line);
      lastHash = key === undefined ? lineHash : key.mac(line);
      return new Promise<void>((resolve, reject) => {
        pending.push({ bytes, lineHash, resolve, reject });
        kick();
      });
    },

    ...auditQueries(readWhere),

    verify: async () => {
      assertReadable();
      return verifyAuditLines(readLines(handle, durableSize, maxLineBytes), sha256Line, {
        key,
        anchor,
        keyedFrom: keyedFromSeq,
      });
    },

    close() {
      closed = true;
      closing ??= idle()
        .then(() => (failure === undefined ? writeAnchor() : undefined))
        .finally(() => handle.close());
      return closing;
    },
  };
}
