import type { FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  AUDIT_GENESIS_PREV,
  type AuditAnchor,
  AuditError,
  type AuditKey,
  type AuditVerifyResult,
  auditLink,
  SessionErrorCode,
  verifyAuditLines,
} from '@fernhilfe/session';
import { readAuditAnchorFile } from './anchor-file';
import { copyRangeDurably, endOfLastLine, readLines, sha256Line, syncDirectory } from './jsonl-files';

/** What open found and did about a partial last line (a write cut short by a crash). */
export interface AuditRecovery {
  /** 1-based line number the partial line would have had. */
  line: number;
  /** Its length in bytes. */
  bytes: number;
  /** Where its bytes were kept: `<file>.partial-<timestamp>`. */
  keptAt: string;
}

/** What opening needs to know. */
export interface OpenSettings {
  key: AuditKey | undefined;
  anchorPath: string;
  maxLineBytes: number;
  allowBrokenChain: boolean;
  clock: () => number;
  onRecovery: ((recovery: AuditRecovery) => void) | undefined;
}

/** The state of a log after open: where it ends, how the next line links, its anchor. */
export interface OpenedLog {
  durableSize: number;
  records: number;
  /** `prev` of the next line. */
  lastHash: string;
  /** SHA-256 hex of the last line. */
  lastLineHash: string;
  /** `seq` of the first keyed line (or where keyed lines will begin). */
  keyedFrom: number;
  anchor: AuditAnchor | undefined;
  recovery: AuditRecovery | undefined;
  brokenChain: AuditVerifyResult | undefined;
}

async function lastLineState(handle: FileHandle, end: number, maxLine: number, key: AuditKey | undefined) {
  let records = 0;
  let last: string | undefined;
  for await (const line of readLines(handle, end, maxLine)) {
    records++;
    last = line;
  }
  if (last === undefined) return { records, lastHash: AUDIT_GENESIS_PREV, lastLineHash: AUDIT_GENESIS_PREV };
  return { records, lastHash: await auditLink(last, sha256Line, key), lastLineHash: sha256Line(last) };
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
 * Verifies an opened log (chain, key, anchor) and recovers a partial last line: copies it to
 * `<file>.partial-<timestamp>` and cuts it off.
 *
 * @returns the log's state
 * @throws `AuditError` `SESSION_AUDIT_CHAIN_BROKEN` (unless `allowBrokenChain`), `SESSION_AUDIT_KEY_MISMATCH`,
 *   `SESSION_AUDIT_ANCHOR_INVALID`; I/O errors as they are
 */
export async function verifyAndRecover(handle: FileHandle, path: string, settings: OpenSettings): Promise<OpenedLog> {
  const { key, maxLineBytes } = settings;
  const anchor = key === undefined ? undefined : await readAuditAnchorFile(settings.anchorPath);
  const size = (await handle.stat()).size;
  const durableSize = await endOfLastLine(handle, size);
  // Without an anchor file, an unkeyed prefix is accepted: the log was started before the key was set.
  const verified = await verifyAuditLines(readLines(handle, durableSize, maxLineBytes), sha256Line, {
    key,
    anchor,
    keyedFrom: anchor?.keyedFrom ?? Number.MAX_SAFE_INTEGER,
  });
  let brokenChain: AuditVerifyResult | undefined;
  if (!verified.ok) {
    const refusal = refuseChain(path, verified);
    if (!settings.allowBrokenChain || refusal.code === SessionErrorCode.AUDIT_KEY_MISMATCH) throw refusal;
    brokenChain = verified;
  }
  const state = verified.ok ? verified : await lastLineState(handle, durableSize, maxLineBytes, key);
  let recovery: AuditRecovery | undefined;
  if (durableSize < size) {
    const keptAt = await keepPartialLine(handle, path, durableSize, size, settings.clock());
    await handle.truncate(durableSize);
    await handle.sync();
    recovery = { line: state.records + 1, bytes: size - durableSize, keptAt };
    settings.onRecovery?.(recovery);
  }
  return {
    durableSize,
    records: state.records,
    lastHash: state.lastHash,
    lastLineHash: state.lastLineHash,
    keyedFrom: anchor?.keyedFrom ?? (verified.ok ? verified.keyedFrom : state.records),
    anchor,
    recovery,
    brokenChain,
  };
}
