import {
  type AuditAnchor,
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
import { JsonlAppendQueue } from './jsonl-append-queue';
import { readLines, sha256Line } from './jsonl-files';
import type { AuditLockHolder } from './jsonl-lock';
import type { AuditRecovery } from './jsonl-open';
import { type OpenLog, openVerifiedLog } from './jsonl-open-log';
import { type JsonlAuditStoreOptions, type ResolvedJsonlOptions, resolveJsonlOptions } from './jsonl-options';

export type { AuditLockHolder } from './jsonl-lock';
export type { AuditRecovery } from './jsonl-open';
export type { JsonlAuditStoreOptions } from './jsonl-options';

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
  /** The stale lock of a holder that was gone (crashed) and was replaced on open, if any. */
  readonly replacedLock: AuditLockHolder | undefined;
}

/**
 * Opens (or creates) an append-only JSONL audit log: one record per line, each line carrying
 * `prev` = SHA-256 hex of the previous line (HMAC-SHA256 under `key` when one is given), every
 * append fsynced (fdatasync) before its promise resolves. On open it verifies the chain of
 * complete lines (and, with a key, the anchor file) and recovers from a crash: a partial
 * last line is copied to `<file>.partial-<timestamp>`, reported through `onRecovery` and
 * `recovery`, and cut off so the chain continues. One process may write a log at a time: open
 * takes the lock `<path>.lock` (naming pid, host, start and `lockOwner`; a crashed holder's lock
 * is replaced) and close releases it. Files are created with mode 0600.
 *
 * With a key it writes an anchor (see `AuditAnchor`) to `anchorPath` on open, every
 * `anchorEveryRecords` records or `anchorIntervalMs`, and on close; an anchor only ever names
 * records already fsynced.
 *
 * @param path - the log file
 * @param options - see {@link JsonlAuditStoreOptions}
 * @returns the open store
 * @throws `AuditError` (from `@fernhilfe/session`) `SESSION_AUDIT_LOCKED` if another process holds
 *   the log, `SESSION_AUDIT_CHAIN_BROKEN` if the chain does not verify or is shorter than
 *   its anchor (unless `allowBrokenChain`), `SESSION_AUDIT_KEY_MISMATCH` if it is keyed with another
 *   key or no key was given for a keyed log, `SESSION_AUDIT_ANCHOR_INVALID` for an unreadable anchor
 *   file, `SESSION_AUDIT_OPEN_FAILED` if the file cannot be opened, read or recovered
 */
export async function openJsonlAuditStore(
  path: string,
  options: JsonlAuditStoreOptions = {},
): Promise<JsonlAuditStore> {
  const resolved = resolveJsonlOptions(path, options);
  return new JsonlStore(path, resolved, await openVerifiedLog(path, resolved));
}

class JsonlStore implements JsonlAuditStore {
  readonly path: string;
  readonly readBySession: AuditStore['readBySession'];
  readonly readByTimeRange: AuditStore['readByTimeRange'];
  readonly #options: ResolvedJsonlOptions;
  readonly #log: OpenLog;
  readonly #queue: JsonlAppendQueue;
  /** `seq` of the next line. */
  #seq: number;
  /** `prev` of the next line: it links to the last line appended, durable or not. */
  #lastHash: string;
  #closed = false;
  #closing: Promise<void> | undefined;

  constructor(path: string, options: ResolvedJsonlOptions, log: OpenLog) {
    this.path = path;
    this.#options = options;
    this.#log = log;
    const { durableSize, records, lastHash, lastLineHash } = log.opened;
    this.#queue = new JsonlAppendQueue(log.handle, path, options.groupCommit, log.anchorer, {
      size: durableSize,
      records,
      lineHash: lastLineHash,
    });
    this.#seq = records;
    this.#lastHash = lastHash;
    const queries = auditQueries((keep) => this.#readWhere(keep));
    this.readBySession = queries.readBySession;
    this.readByTimeRange = queries.readByTimeRange;
  }

  get recovery(): AuditRecovery | undefined {
    return this.#log.opened.recovery;
  }

  get brokenChain(): AuditVerifyResult | undefined {
    return this.#log.opened.brokenChain;
  }

  get records(): number {
    return this.#queue.durable.records;
  }

  get anchor(): AuditAnchor | undefined {
    return this.#log.anchorer?.last;
  }

  get replacedLock(): AuditLockHolder | undefined {
    return this.#log.lock.replaced;
  }

  append(record: AuditRecord): Promise<void> {
    if (this.#closed) return Promise.reject(closedError());
    if (this.#queue.failure !== undefined) return Promise.reject(this.#queue.failure);
    const { key, maxRecordBytes } = this.#options;
    let line: string;
    try {
      validateAuditRecord(record);
      line = formatAuditLine(record, this.#seq, this.#lastHash, key?.id);
    } catch (error) {
      return Promise.reject(error);
    }
    const bytes = Buffer.from(`${line}\n`, 'utf8');
    if (bytes.length - 1 > maxRecordBytes) {
      return Promise.reject(
        new AuditError(SessionErrorCode.AUDIT_RECORD_TOO_LARGE, `audit line of ${bytes.length - 1} bytes`),
      );
    }
    this.#seq++;
    const lineHash = sha256Line(line);
    this.#lastHash = key === undefined ? lineHash : key.mac(line);
    return this.#queue.push(bytes, lineHash);
  }

  async verify(): Promise<AuditVerifyResult> {
    this.#assertReadable();
    return verifyAuditLines(this.#durableLines(), sha256Line, {
      key: this.#options.key,
      anchor: this.#log.anchorer?.last,
      keyedFrom: this.#log.opened.keyedFrom,
    });
  }

  close(): Promise<void> {
    this.#closed = true;
    this.#closing ??= this.#queue
      .idle()
      .then(() => this.#queue.anchorNow())
      .finally(() => this.#log.handle.close())
      .finally(() => this.#log.lock.release());
    return this.#closing;
  }

  async #readWhere(keep: (record: StoredAuditRecord) => boolean): Promise<StoredAuditRecord[]> {
    this.#assertReadable();
    const out: StoredAuditRecord[] = [];
    for await (const line of this.#durableLines()) {
      const record = parseAuditLine(line);
      if (typeof record !== 'string' && keep(record)) out.push(record);
    }
    return out;
  }

  #durableLines(): AsyncGenerator<string> {
    return readLines(this.#log.handle, this.#queue.durable.size, this.#options.maxLineBytes);
  }

  #assertReadable(): void {
    if (this.#closed) throw closedError();
  }
}

function closedError(): AuditError {
  return new AuditError(SessionErrorCode.AUDIT_CLOSED, 'audit store is closed');
}
