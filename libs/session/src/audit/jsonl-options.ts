import type { AuditAnchor, AuditKey } from '@fernhilfe/session';
import type { AuditRecovery } from './jsonl-open';

/** Options of `openJsonlAuditStore`. */
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
  /** What this process calls itself in the log's lock file `<path>.lock`. @default `process` */
  lockOwner?: string;
}

/** The options with their defaults, as opening and writing use them. */
export interface ResolvedJsonlOptions {
  groupCommit: boolean;
  maxRecordBytes: number;
  /** Longest line read back: a record's UTF-8 bytes may grow up to fourfold as JSON escapes. */
  maxLineBytes: number;
  allowBrokenChain: boolean;
  onRecovery: ((recovery: AuditRecovery) => void) | undefined;
  clock: () => number;
  key: AuditKey | undefined;
  anchorPath: string;
  anchorEveryRecords: number;
  anchorIntervalMs: number;
  onAnchor: ((anchor: AuditAnchor) => void) | undefined;
  lockOwner: string;
}

/**
 * @param path - the log file
 * @param options - as given
 * @returns the options with defaults
 */
export function resolveJsonlOptions(path: string, options: JsonlAuditStoreOptions): ResolvedJsonlOptions {
  const maxRecordBytes = options.maxRecordBytes ?? 65_536;
  return {
    groupCommit: options.groupCommit ?? true,
    maxRecordBytes,
    maxLineBytes: maxRecordBytes * 4,
    allowBrokenChain: options.allowBrokenChain ?? false,
    onRecovery: options.onRecovery,
    clock: options.clock ?? Date.now,
    key: options.key,
    anchorPath: options.anchorPath ?? `${path}.anchor`,
    anchorEveryRecords: options.anchorEveryRecords ?? 1000,
    anchorIntervalMs: options.anchorIntervalMs ?? 60_000,
    onAnchor: options.onAnchor,
    lockOwner: options.lockOwner ?? 'process',
  };
}
