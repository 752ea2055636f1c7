import { type FileHandle, open, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AuditError, type AuditKey, SessionErrorCode } from '@fernhilfe/session';
import { AuditAnchorer } from './anchorer';
import { syncDirectory } from './jsonl-files';
import { type AuditLock, acquireAuditLock } from './jsonl-lock';
import { type OpenedLog, verifyAndRecover } from './jsonl-open';
import type { ResolvedJsonlOptions } from './jsonl-options';

/** A log file open for appending, verified and recovered, with its anchorer when keyed. */
export interface OpenLog {
  handle: FileHandle;
  opened: OpenedLog;
  anchorer: AuditAnchorer | undefined;
  /** The log's exclusive lock, released when the store closes. */
  lock: AuditLock;
}

/**
 * @param path - the log file
 * @param cause - what went wrong
 * @returns `SESSION_AUDIT_OPEN_FAILED` for `path`
 */
export function openFailed(path: string, cause: unknown): AuditError {
  return new AuditError(SessionErrorCode.AUDIT_OPEN_FAILED, `cannot open audit log ${path}`, { cause });
}

/**
 * Takes the log's lock, opens (or creates, mode 0600) the log file, verifies and recovers it, and
 * with a key writes the anchor for what is on disk. File and lock are let go again when any of it
 * fails.
 *
 * @param path - the log file
 * @param options - resolved store options
 * @returns the open log
 * @throws `AuditError` `SESSION_AUDIT_LOCKED` when another process holds the lock, from verifying,
 *   or `SESSION_AUDIT_OPEN_FAILED` for any other failure
 */
export async function openVerifiedLog(path: string, options: ResolvedJsonlOptions): Promise<OpenLog> {
  const lock = await acquireAuditLock(path, { owner: options.lockOwner, clock: options.clock }).catch(
    (cause: unknown) => {
      throw cause instanceof AuditError ? cause : openFailed(path, cause);
    },
  );
  const existed = await stat(path).then(
    () => true,
    () => false,
  );
  const handle = await open(path, 'a+', 0o600).catch(async (cause: unknown) => {
    await lock.release();
    throw openFailed(path, cause);
  });
  try {
    if (!existed) await syncDirectory(dirname(path));
    const opened = await verifyAndRecover(handle, path, options);
    const { key } = options;
    const anchorer = key === undefined ? undefined : createAnchorer(key, options, opened);
    await anchorer?.write(opened.records, opened.lastLineHash);
    return { handle, opened, anchorer, lock };
  } catch (error) {
    await handle.close();
    await lock.release();
    throw error instanceof AuditError ? error : openFailed(path, error);
  }
}

function createAnchorer(key: AuditKey, options: ResolvedJsonlOptions, opened: OpenedLog): AuditAnchorer {
  return new AuditAnchorer({
    key,
    path: options.anchorPath,
    everyRecords: options.anchorEveryRecords,
    intervalMs: options.anchorIntervalMs,
    clock: options.clock,
    keyedFrom: opened.keyedFrom,
    last: opened.anchor,
    onAnchor: options.onAnchor,
  });
}
