import { open } from 'node:fs/promises';
import {
  AuditError,
  type AuditVerifyOptions,
  type AuditVerifyResult,
  SessionErrorCode,
  verifyAuditLines,
} from '@fernhilfe/session';
import { endOfLastLine, readLines, sha256Line } from './jsonl-files';

/**
 * Verifies a JSONL audit log file read-only (it may be a copy, or in use by a relay): its chain
 * and, when given, the key and the anchor, see `verifyAuditLines`. A partial last line (a write
 * cut short by a crash) is not part of the log and is ignored, as the store does on open.
 *
 * @param path - the log file
 * @param options - the key and the last anchor the auditor kept
 * @param maxLineBytes - longest line read; longer ones count as unparseable
 * @returns `ok`, or the first problem and where (codes: `AuditVerifyProblem`)
 * @throws `AuditError` `SESSION_AUDIT_OPEN_FAILED` if the file cannot be read
 */
export async function verifyJsonlAuditFile(
  path: string,
  options: AuditVerifyOptions = {},
  maxLineBytes = 4 * 65_536,
): Promise<AuditVerifyResult> {
  const handle = await open(path, 'r').catch((cause: unknown) => {
    throw new AuditError(SessionErrorCode.AUDIT_OPEN_FAILED, `cannot open audit log ${path}`, { cause });
  });
  try {
    const end = await endOfLastLine(handle, (await handle.stat()).size);
    return await verifyAuditLines(readLines(handle, end, maxLineBytes), sha256Line, options);
  } catch (cause) {
    throw new AuditError(SessionErrorCode.AUDIT_OPEN_FAILED, `cannot read audit log ${path}`, { cause });
  } finally {
    await handle.close();
  }
}
