import { randomBytes } from 'node:crypto';
import { open, stat, unlink, utimes } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { AuditError, SessionErrorCode } from '../errors';
import { readSmallFile, syncDirectory, writeFully } from './jsonl-files';

/** Who holds an audit log's lock, as written in `<file>.lock`. */
export interface AuditLockHolder {
  /** Process id of the holder. */
  pid: number;
  /** Host name of the holder's machine (or container). */
  host: string;
  /** When it took the lock (ISO 8601 UTC). */
  since: string;
  /** What the holder calls itself, e.g. `fernhilfe-relay`. */
  owner: string;
  /** Random id of this hold, so a holder never removes a lock that is no longer its own. */
  id: string;
}

/** Options of {@link acquireAuditLock}. */
export interface AuditLockOptions {
  /** What the holder calls itself in the lock file. @default `process` */
  owner?: string;
  /** A lock whose file was not touched for this long is stale (its holder is gone). @default 60_000 */
  staleAfterMs?: number;
  /** How often the holder touches its lock file. @default 10_000 */
  heartbeatMs?: number;
  /** Clock in ms since epoch. @default Date.now */
  clock?: () => number;
}

/** A held lock. */
export interface AuditLock {
  /** The lock file. */
  readonly path: string;
  /** The stale lock this hold replaced (a holder that crashed), if any. */
  readonly replaced: AuditLockHolder | undefined;
  /** Stops the heartbeat and removes the lock file if it is still this hold's. Idempotent. */
  release(): Promise<void>;
}

const MAX_LOCK_BYTES = 4096;
/** Lock files held by this process: a second open of the same log here is refused, not "stale". */
const heldHere = new Set<string>();

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readHolder(path: string): Promise<{ holder: AuditLockHolder | undefined; touchedAt: number }> {
  const touchedAt = (await stat(path)).mtimeMs;
  try {
    const text = await readSmallFile(path, MAX_LOCK_BYTES);
    const holder = JSON.parse(text ?? '') as AuditLockHolder;
    return {
      holder: typeof holder?.pid === 'number' && typeof holder.host === 'string' ? holder : undefined,
      touchedAt,
    };
  } catch {
    // Half-written by a holder that crashed while taking it: only its age tells.
    return { holder: undefined, touchedAt };
  }
}

function describe(holder: AuditLockHolder | undefined): string {
  if (holder === undefined) return 'an unknown process (the lock file is unreadable)';
  return `${holder.owner} pid ${holder.pid} on host ${holder.host} since ${holder.since}`;
}

function isStale(
  path: string,
  holder: AuditLockHolder | undefined,
  touchedAt: number,
  now: number,
  staleAfterMs: number,
) {
  if (now - touchedAt > staleAfterMs) return true;
  if (holder === undefined || holder.host !== hostname()) return false;
  // Same pid as ours but not held here: a container restarted with the same pid.
  if (holder.pid === process.pid) return !heldHere.has(path);
  return !processAlive(holder.pid);
}

async function create(path: string, holder: AuditLockHolder): Promise<boolean> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    await writeFully(handle, Buffer.from(`${JSON.stringify(holder)}\n`, 'utf8'));
    await handle.sync();
  } finally {
    await handle.close();
  }
  return true;
}

/**
 * Takes the exclusive lock of an audit log: creates `<logPath>.lock` (mode 0600) naming this
 * process, host, start time and owner, and touches it every `heartbeatMs` while held. A lock whose
 * holder is gone is replaced: on the same host when its process no longer exists, on any host when
 * its file was not touched for `staleAfterMs` (a crashed container elsewhere).
 *
 * @param logPath - the audit log
 * @param options - owner name, staleness, heartbeat, clock
 * @returns the held lock
 * @throws `AuditError` `SESSION_AUDIT_LOCKED` naming the holder and the lock file; I/O errors as they are
 */
export async function acquireAuditLock(logPath: string, options: AuditLockOptions = {}): Promise<AuditLock> {
  const path = `${logPath}.lock`;
  const clock = options.clock ?? Date.now;
  const staleAfterMs = options.staleAfterMs ?? 60_000;
  if (heldHere.has(path)) {
    throw new AuditError(SessionErrorCode.AUDIT_LOCKED, `audit log ${logPath} is already open in this process`);
  }
  const holder: AuditLockHolder = {
    pid: process.pid,
    host: hostname(),
    since: new Date(clock()).toISOString(),
    owner: options.owner ?? 'process',
    id: randomBytes(8).toString('hex'),
  };
  let replaced: AuditLockHolder | undefined;
  for (let attempt = 0; !(await create(path, holder)); attempt++) {
    const found = await readHolder(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (found === undefined) continue;
    if (attempt >= 3 || !isStale(path, found.holder, found.touchedAt, clock(), staleAfterMs)) {
      throw new AuditError(
        SessionErrorCode.AUDIT_LOCKED,
        `audit log ${logPath} is in use by ${describe(found.holder)} (lock file ${path}); ` +
          `only one relay may write it. Stop that relay first; if it is gone for good (another host or container), delete ${path}`,
      );
    }
    replaced = found.holder;
    await unlink(path).catch(() => undefined);
  }
  heldHere.add(path);
  await syncDirectory(dirname(logPath));
  const heartbeat = setInterval(() => {
    const now = new Date(clock());
    utimes(path, now, now).catch(() => undefined);
  }, options.heartbeatMs ?? 10_000);
  heartbeat.unref();
  let released: Promise<void> | undefined;
  return {
    path,
    replaced,
    release: () => {
      released ??= (async () => {
        clearInterval(heartbeat);
        heldHere.delete(path);
        const found = await readHolder(path).catch(() => undefined);
        if (found?.holder?.id === holder.id) await unlink(path).catch(() => undefined);
      })();
      return released;
    },
  };
}
