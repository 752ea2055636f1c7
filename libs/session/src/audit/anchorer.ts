import { type AuditAnchor, AuditError, type AuditKey, createAuditAnchor, SessionErrorCode } from '@fernhilfe/session';
import { writeAuditAnchorFile } from './anchor-file';

/** Settings of an {@link AuditAnchorer}. */
export interface AuditAnchorerSettings {
  /** The log's key. */
  key: AuditKey;
  /** The anchor file. */
  path: string;
  /** Anchor once this many records are durable beyond the last anchor. */
  everyRecords: number;
  /** Anchor once this much time has passed since the last anchor. */
  intervalMs: number;
  /** Clock in ms since epoch. */
  clock: () => number;
  /** `seq` of the first keyed line, written into every anchor. */
  keyedFrom: number;
  /** The anchor found on open, if any. */
  last: AuditAnchor | undefined;
  /** Called after each anchor is durable. */
  onAnchor: ((anchor: AuditAnchor) => void) | undefined;
}

/**
 * Writes the anchors of a keyed JSONL log. The store calls it only between flushes, with the
 * count and last line hash of what is fsynced, so an anchor never names a record not on disk.
 */
export class AuditAnchorer {
  readonly #settings: AuditAnchorerSettings;
  #last: AuditAnchor | undefined;
  #anchoredRecords: number;
  #anchoredAt: number;

  /** @param settings - see {@link AuditAnchorerSettings} */
  constructor(settings: AuditAnchorerSettings) {
    this.#settings = settings;
    this.#last = settings.last;
    this.#anchoredRecords = settings.last === undefined ? 0 : settings.last.seq + 1;
    this.#anchoredAt = settings.clock();
  }

  /** The last anchor written, or the one found on open. */
  get last(): AuditAnchor | undefined {
    return this.#last;
  }

  /**
   * @param records - durable records now
   * @returns whether enough records or time have passed for a new anchor
   */
  due(records: number): boolean {
    const { everyRecords, intervalMs, clock } = this.#settings;
    return records - this.#anchoredRecords >= everyRecords || clock() - this.#anchoredAt >= intervalMs;
  }

  /**
   * Writes an anchor for the durable head, unless the log is empty or already anchored there.
   *
   * @param records - durable records
   * @param lineHash - SHA-256 hex of the last durable line
   * @throws `AuditError` `SESSION_AUDIT_WRITE_FAILED` if the anchor file cannot be written
   */
  async write(records: number, lineHash: string): Promise<void> {
    if (records === 0 || records === this.#anchoredRecords) return;
    const { key, path, clock, keyedFrom, onAnchor } = this.#settings;
    const anchor = createAuditAnchor(key, records - 1, lineHash, clock(), keyedFrom);
    await writeAuditAnchorFile(path, anchor).catch((cause: unknown) => {
      throw new AuditError(SessionErrorCode.AUDIT_WRITE_FAILED, `writing ${path} failed`, { cause });
    });
    this.#last = anchor;
    this.#anchoredRecords = records;
    this.#anchoredAt = clock();
    onAnchor?.(anchor);
  }
}
