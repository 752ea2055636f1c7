import { chmod, open, rename, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import {
  AUDIT_GENESIS_PREV,
  AuditError,
  type AuditKey,
  type AuditVerifyResult,
  type ChainContinuedRecord,
  formatAuditLine,
  parseAuditLine,
  type SessionCreatedRecord,
  type SessionEndedRecord,
  SessionErrorCode,
  verifyAuditLines,
} from '@fernhilfe/session';
import { readAuditAnchorFile } from './anchor-file';
import { endOfLastLine, readLines, sha256Line, syncDirectory, writeFully } from './jsonl-files';
import { acquireAuditLock } from './jsonl-lock';

/** Options of {@link sealJsonlAuditFile}. */
export interface SealOptions {
  /** The log's key, when it is keyed: the break is found with it and the new log is keyed too. */
  key?: AuditKey;
  /** Clock in ms since epoch: names the sealed file, dates the new records. @default Date.now */
  clock?: () => number;
  /** Longest line read. @default 262_144 */
  maxLineBytes?: number;
}

/** What {@link sealJsonlAuditFile} did. */
export interface SealResult {
  /** Where the broken log now is (read-only, beside the log). */
  sealedPath: string;
  /** The first record of the new log. */
  continued: ChainContinuedRecord;
  /** Sessions open in the sealed log's good part, closed as `interrupted` in the new log. */
  interrupted: number;
}

type Broken = AuditVerifyResult & { ok: false };

async function findBreak(path: string, key: AuditKey | undefined, maxLineBytes: number) {
  const anchor = key === undefined ? undefined : await readAuditAnchorFile(`${path}.anchor`);
  const handle = await open(path, 'r');
  try {
    const end = await endOfLastLine(handle, (await handle.stat()).size);
    const verified = await verifyAuditLines(readLines(handle, end, maxLineBytes), sha256Line, {
      key,
      anchor,
      keyedFrom: anchor?.keyedFrom ?? Number.MAX_SAFE_INTEGER,
    });
    if (verified.ok) return { verified, lastHash: verified.lastLineHash, open: [] };
    let lastHash = AUDIT_GENESIS_PREV;
    const sessions = new Map<string, SessionCreatedRecord>();
    let index = 0;
    for await (const line of readLines(handle, end, maxLineBytes)) {
      if (index++ >= verified.records) break;
      lastHash = sha256Line(line);
      const record = parseAuditLine(line);
      if (typeof record === 'string') continue;
      if (record.type === 'session-created') sessions.set(record.sessionId, record);
      else if (record.type === 'session-ended') sessions.delete(record.sessionId);
    }
    return { verified, lastHash, open: [...sessions.values()] };
  } finally {
    await handle.close();
  }
}

async function writeNewLog(path: string, records: Array<ChainContinuedRecord | SessionEndedRecord>, key?: AuditKey) {
  const handle = await open(path, 'wx', 0o600);
  try {
    let prev = AUDIT_GENESIS_PREV;
    const lines: string[] = [];
    for (const [seq, record] of records.entries()) {
      const line = formatAuditLine(record, seq, prev, key?.id);
      lines.push(line);
      prev = key === undefined ? sha256Line(line) : key.mac(line);
    }
    await writeFully(handle, Buffer.from(`${lines.join('\n')}\n`, 'utf8'));
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Recovers from a broken audit chain without losing evidence: renames the log (and its anchor) to
 * `<file>.sealed-<timestamp>` (made read-only, nothing in it changed), then starts a new log at
 * `path` whose first record, `chain-continued`, names the sealed file, where it broke and the
 * SHA-256 of its last good line, followed by `session-ended` (`interrupted`) for sessions the good
 * part left open. Holds the log's lock meanwhile, so no relay may be running on it.
 *
 * @param path - the broken log
 * @param options - key, clock
 * @returns where the old log went and the new log's first record
 * @throws `AuditError` `SESSION_AUDIT_LOCKED` while a relay holds the log; `SESSION_AUDIT_CHAIN_INTACT`
 *   if the chain verifies (nothing to seal); `SESSION_AUDIT_KEY_MISMATCH` if it is keyed and the key is
 *   missing or another; `SESSION_AUDIT_OPEN_FAILED` if it cannot be read or moved
 */
export async function sealJsonlAuditFile(path: string, options: SealOptions = {}): Promise<SealResult> {
  const clock = options.clock ?? Date.now;
  const lock = await acquireAuditLock(path, { owner: 'audit seal', clock });
  try {
    const found = await findBreak(path, options.key, options.maxLineBytes ?? 4 * 65_536).catch((cause: unknown) => {
      if (cause instanceof AuditError) throw cause;
      throw new AuditError(SessionErrorCode.AUDIT_OPEN_FAILED, `cannot read audit log ${path}`, { cause });
    });
    if (found.verified.ok) {
      throw new AuditError(SessionErrorCode.AUDIT_CHAIN_INTACT, `audit log ${path} verifies: nothing to seal`);
    }
    const broken = found.verified as Broken;
    if (['key-required', 'wrong-key'].includes(broken.problem)) {
      throw new AuditError(
        SessionErrorCode.AUDIT_KEY_MISMATCH,
        `audit log ${path} is keyed (${broken.problem} at line ${broken.line}): give its key to seal it`,
      );
    }
    const now = clock();
    const at = new Date(now).toISOString();
    const sealedPath = `${path}.sealed-${at.replace(/[:.]/g, '-')}`;
    await rename(path, sealedPath);
    await rename(`${path}.anchor`, `${sealedPath}.anchor`).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    await chmod(sealedPath, 0o400);
    const continued: ChainContinuedRecord = {
      type: 'chain-continued',
      at,
      sealedFile: basename(sealedPath),
      sealedRecords: broken.records,
      sealedLastHash: found.lastHash,
      problem: broken.problem,
      problemLine: broken.line,
    };
    const interrupted = found.open.map(
      (created): SessionEndedRecord => ({
        type: 'session-ended',
        at,
        sessionId: created.sessionId,
        number: created.number,
        agent: created.agent,
        reason: 'interrupted',
        bytes: { guestToAgent: 0, agentToGuest: 0 },
      }),
    );
    await writeNewLog(path, [continued, ...interrupted], options.key);
    await syncDirectory(dirname(path));
    return { sealedPath, continued, interrupted: interrupted.length };
  } finally {
    await lock.release();
  }
}

/**
 * Checks the link from a log that starts with `chain-continued` to the sealed file it names (in
 * the same directory): that file's line `sealedRecords` must hash to `sealedLastHash`.
 *
 * @param path - the new log
 * @returns `undefined` when the log does not start with `chain-continued`; else the record and
 *   whether the sealed file was found and matches
 */
export async function checkSealLink(
  path: string,
): Promise<{ continued: ChainContinuedRecord; sealed: 'matches' | 'differs' | 'missing' } | undefined> {
  const handle = await open(path, 'r');
  let first: string | undefined;
  try {
    for await (const line of readLines(handle, await endOfLastLine(handle, (await handle.stat()).size), 4 * 65_536)) {
      first = line;
      break;
    }
  } finally {
    await handle.close();
  }
  const record = first === undefined ? undefined : parseAuditLine(first);
  if (typeof record !== 'object' || record.type !== 'chain-continued') return undefined;
  const sealedPath = join(dirname(path), record.sealedFile);
  const exists = await stat(sealedPath).then(
    () => true,
    () => false,
  );
  if (!exists) return { continued: record, sealed: 'missing' };
  const sealed = await open(sealedPath, 'r');
  try {
    let index = 0;
    let lastHash = AUDIT_GENESIS_PREV;
    for await (const line of readLines(sealed, (await sealed.stat()).size, 4 * 65_536)) {
      if (index++ >= record.sealedRecords) break;
      lastHash = sha256Line(line);
    }
    return { continued: record, sealed: lastHash === record.sealedLastHash ? 'matches' : 'differs' };
  } finally {
    await sealed.close();
  }
}
