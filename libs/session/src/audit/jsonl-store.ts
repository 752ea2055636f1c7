import { createHash } from 'node:crypto';
import { type FileHandle, open, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  AUDIT_GENESIS_PREV,
  AuditError,
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
import { copyRangeDurably, endOfLastLine, readLines, syncDirectory, writeFully } from './jsonl-files';

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
  /** Clock in ms since epoch, used to name the file a partial line is kept in. @default Date.now */
  clock?: () => number;
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
}

interface PendingAppend {
  bytes: Buffer;
  resolve: () => void;
  reject: (error: unknown) => void;
}

function openFailed(path: string, cause: unknown): AuditError {
  return new AuditError(SessionErrorCode.AUDIT_OPEN_FAILED, `cannot open audit log ${path}`, { cause });
}

function sha256Line(line: string): string {
  return createHash('sha256').update(line, 'utf8').digest('hex');
}

async function lastLineState(handle: FileHandle, end: number, maxLine: number) {
  let count = 0;
  let lastHash = AUDIT_GENESIS_PREV;
  for await (const line of readLines(handle, end, maxLine)) {
    count++;
    lastHash = sha256Line(line);
  }
  return { count, lastHash };
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
 * `prev` = SHA-256 hex of the previous line, every append fsynced (fdatasync) before its promise
 * resolves. On open it verifies the chain of complete lines and recovers from a crash: a partial
 * last line is copied to `<file>.partial-<timestamp>`, reported through `onRecovery` and
 * `recovery`, and cut off so the chain continues. One process may write a log at a time.
 *
 * @param path - the log file
 * @param options - see {@link JsonlAuditStoreOptions}
 * @returns the open store
 * @throws `AuditError` (from `@fernhilfe/session`) `SESSION_AUDIT_CHAIN_BROKEN` if the chain does not verify (unless
 *   `allowBrokenChain`), `SESSION_AUDIT_OPEN_FAILED` if the file cannot be opened, read or recovered
 */
export async function openJsonlAuditStore(
  path: string,
  options: JsonlAuditStoreOptions = {},
): Promise<JsonlAuditStore> {
  const groupCommit = options.groupCommit ?? true;
  const maxRecordBytes = options.maxRecordBytes ?? 65_536;
  const maxLineBytes = maxRecordBytes * 4;
  const clock = options.clock ?? Date.now;

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
  try {
    if (!existed) await syncDirectory(dirname(path));
    const size = (await handle.stat()).size;
    durableSize = await endOfLastLine(handle, size);
    const verified = await verifyAuditLines(readLines(handle, durableSize, maxLineBytes), sha256Line);
    if (!verified.ok) {
      if (!options.allowBrokenChain) {
        throw new AuditError(
          SessionErrorCode.AUDIT_CHAIN_BROKEN,
          `audit log ${path} breaks at line ${verified.line} (${verified.problem})`,
        );
      }
      brokenChain = verified;
    }
    const state = verified.ok
      ? { count: verified.records, lastHash: verified.lastHash }
      : await lastLineState(handle, durableSize, maxLineBytes);
    seq = state.count;
    lastHash = state.lastHash;
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
      for (const item of batch) item.resolve();
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

    append(record: AuditRecord) {
      if (closed) return Promise.reject(new AuditError(SessionErrorCode.AUDIT_CLOSED, 'audit store is closed'));
      if (failure !== undefined) return Promise.reject(failure);
      let line: string;
      try {
        validateAuditRecord(record);
        line = formatAuditLine(record, seq, lastHash);
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
      lastHash = sha256Line(line);
      return new Promise<void>((resolve, reject) => {
        pending.push({ bytes, resolve, reject });
        kick();
      });
    },

    ...auditQueries(readWhere),

    verify: async () => {
      assertReadable();
      return verifyAuditLines(readLines(handle, durableSize, maxLineBytes), sha256Line);
    },

    close() {
      closed = true;
      closing ??= idle().then(() => handle.close());
      return closing;
    },
  };
}
