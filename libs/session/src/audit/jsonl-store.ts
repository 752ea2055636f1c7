import { open, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  type AuditAnchor,
  AuditError,
  type AuditKey,
  type AuditRecord,
  type AuditStore,
  type AuditVerifyResult,
  auditQueries,
  formatAuditLine,
  parseAuditLine,
  SessionErrorCode,
  type StoredAuditRecord,
  validateAuditRecord,
  verifyAuditLines,
} from '@fernhilfe/session';
import { AuditAnchorer } from './anchorer';
import { readLines, sha256Line, syncDirectory, writeFully } from './jsonl-files';
import { type AuditRecovery, type OpenedLog, verifyAndRecover } from './jsonl-open';

export type { AuditRecovery } from './jsonl-open';

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
  const { key } = options;

  const existed = await stat(path).then(
    () => true,
    () => false,
  );
  const handle = await open(path, 'a+').catch((cause: unknown) => {
    throw openFailed(path, cause);
  });
  let opened: OpenedLog;
  let anchorer: AuditAnchorer | undefined;
  try {
    if (!existed) await syncDirectory(dirname(path));
    const clock = options.clock ?? Date.now;
    const anchorPath = options.anchorPath ?? `${path}.anchor`;
    opened = await verifyAndRecover(handle, path, {
      key,
      anchorPath,
      maxLineBytes,
      allowBrokenChain: options.allowBrokenChain ?? false,
      clock,
      onRecovery: options.onRecovery,
    });
    if (key !== undefined) {
      anchorer = new AuditAnchorer({
        key,
        path: anchorPath,
        everyRecords: options.anchorEveryRecords ?? 1000,
        intervalMs: options.anchorIntervalMs ?? 60_000,
        clock,
        keyedFrom: opened.keyedFrom,
        last: opened.anchor,
        onAnchor: options.onAnchor,
      });
      await anchorer.write(opened.records, opened.lastLineHash);
    }
  } catch (error) {
    await handle.close();
    throw error instanceof AuditError ? error : openFailed(path, error);
  }
  const { recovery, brokenChain, keyedFrom } = opened;
  let { durableSize, records, lastHash, lastLineHash: durableLineHash } = opened;
  let seq = records;

  const pending: PendingAppend[] = [];
  let flushing: Promise<void> | undefined;
  let failure: AuditError | undefined;
  let closed = false;
  let closing: Promise<void> | undefined;

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
      if (anchorer === undefined || !anchorer.due(records)) continue;
      try {
        await anchorer.write(records, durableLineHash);
      } catch (error) {
        failure = error as AuditError;
        for (const item of pending.splice(0)) item.reject(failure);
        return;
      }
    }
  };

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
      return anchorer?.last;
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
        anchor: anchorer?.last,
        keyedFrom,
      });
    },

    close() {
      closed = true;
      closing ??= idle()
        .then(() => (failure === undefined ? anchorer?.write(records, durableLineHash) : undefined))
        .finally(() => handle.close());
      return closing;
    },
  };
}
