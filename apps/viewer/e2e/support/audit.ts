import { readFile } from 'node:fs/promises';
import { sha256Hex, verifyAuditLines } from '@fernhilfe/session';

/** One audit record as the relay wrote it. */
export type AuditRecord = Record<string, unknown>;

/**
 * Reads the relay's audit file and checks its hash chain.
 *
 * @param file - the `--audit-file`
 * @returns its records, oldest first
 * @throws Error when the chain does not verify
 */
export async function auditRecords(file: string): Promise<AuditRecord[]> {
  const lines = (await readFile(file, 'utf8')).split('\n').filter((line) => line !== '');
  const verified = await verifyAuditLines(lines, sha256Hex);
  if (!verified.ok) throw new Error(`the audit log does not verify: ${JSON.stringify(verified)}`);
  return lines.map((line) => JSON.parse(line) as AuditRecord);
}

/**
 * The records of one session (by number), once the relay wrote its end (it tells the peers
 * first), or what is there after 10 s.
 *
 * @param file - the `--audit-file`
 * @param number - the session number, digits only
 */
export async function sessionRecords(file: string, number: string): Promise<AuditRecord[]> {
  for (const deadline = Date.now() + 10_000; ; ) {
    const records = (await auditRecords(file)).filter((record) => record.number === number);
    if (records.some((record) => record.type === 'session-ended') || Date.now() > deadline) return records;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
