import type { FileHandle } from 'node:fs/promises';
import { AuditError, SessionErrorCode } from '@fernhilfe/session';
import type { AuditAnchorer } from './anchorer';
import { writeFully } from './jsonl-files';

interface PendingAppend {
  bytes: Buffer;
  lineHash: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** Where the durable part of the log ends. */
export interface DurableHead {
  /** Bytes of complete, fsynced lines. */
  size: number;
  /** Number of those lines. */
  records: number;
  /** SHA-256 hex of the last of them. */
  lineHash: string;
}

/**
 * Writes formatted lines to the log in call order and fsyncs them, several per write with group
 * commit; each append resolves only once durable. With a key it anchors between flushes when the
 * anchorer says it is due. After a failure every pending and later append is refused with it.
 */
export class JsonlAppendQueue {
  readonly #handle: FileHandle;
  readonly #path: string;
  readonly #groupCommit: boolean;
  readonly #anchorer: AuditAnchorer | undefined;
  readonly #pending: PendingAppend[] = [];
  readonly #durable: DurableHead;
  #flushing: Promise<void> | undefined;
  #failure: AuditError | undefined;

  /**
   * @param handle - the log, open for appending
   * @param path - its path, for error messages
   * @param groupCommit - share one write and fsync among concurrent appends
   * @param anchorer - with a key, writes anchors
   * @param durable - where the log ends on disk now
   */
  constructor(
    handle: FileHandle,
    path: string,
    groupCommit: boolean,
    anchorer: AuditAnchorer | undefined,
    durable: DurableHead,
  ) {
    this.#handle = handle;
    this.#path = path;
    this.#groupCommit = groupCommit;
    this.#anchorer = anchorer;
    this.#durable = { ...durable };
  }

  /** The failure that stopped writing, if any. */
  get failure(): AuditError | undefined {
    return this.#failure;
  }

  /** Where the durable part of the log ends. */
  get durable(): Readonly<DurableHead> {
    return this.#durable;
  }

  /**
   * @param bytes - one line with its newline
   * @param lineHash - SHA-256 hex of the line
   * @returns resolves once the line is fsynced
   */
  push(bytes: Buffer, lineHash: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#pending.push({ bytes, lineHash, resolve, reject });
      this.#kick();
    });
  }

  /** Waits until nothing is being written. */
  async idle(): Promise<void> {
    while (this.#flushing !== undefined) await this.#flushing;
  }

  /** Anchors what is durable, unless writing failed. */
  async anchorNow(): Promise<void> {
    if (this.#failure === undefined) await this.#anchorer?.write(this.#durable.records, this.#durable.lineHash);
  }

  #kick(): void {
    if (this.#flushing !== undefined) return;
    this.#flushing = this.#flush().finally(() => {
      this.#flushing = undefined;
      if (this.#pending.length > 0) this.#kick();
    });
  }

  async #flush(): Promise<void> {
    let going = true;
    while (going && this.#pending.length > 0) going = await this.#flushBatch();
  }

  /** @returns whether writing may go on */
  async #flushBatch(): Promise<boolean> {
    const batch = this.#groupCommit ? this.#pending.splice(0) : this.#pending.splice(0, 1);
    const bytes = batch.length === 1 ? batch[0]!.bytes : Buffer.concat(batch.map((item) => item.bytes));
    if (!(await this.#writeDurably(bytes, batch))) return false;
    this.#durable.size += bytes.length;
    this.#durable.records += batch.length;
    this.#durable.lineHash = batch[batch.length - 1]!.lineHash;
    for (const item of batch) item.resolve();
    // Decided and started in the same turn as the resolves, before the appenders go on (and,
    // under an injected clock, move it).
    if (this.#anchorer === undefined || !this.#anchorer.due(this.#durable.records)) return true;
    return this.#anchor(this.#anchorer);
  }

  /** @returns whether the bytes are on disk */
  async #writeDurably(bytes: Buffer, batch: PendingAppend[]): Promise<boolean> {
    try {
      await writeFully(this.#handle, bytes);
      await this.#handle.datasync();
      return true;
    } catch (cause) {
      this.#fail(new AuditError(SessionErrorCode.AUDIT_WRITE_FAILED, `writing ${this.#path} failed`, { cause }), batch);
      return false;
    }
  }

  /** @returns whether the anchor was written */
  async #anchor(anchorer: AuditAnchorer): Promise<boolean> {
    try {
      await anchorer.write(this.#durable.records, this.#durable.lineHash);
      return true;
    } catch (error) {
      this.#fail(error as AuditError, []);
      return false;
    }
  }

  #fail(failure: AuditError, batch: PendingAppend[]): void {
    this.#failure = failure;
    for (const item of [...batch, ...this.#pending.splice(0)]) item.reject(failure);
  }
}
