import { open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AuditError, SessionErrorCode } from '../errors';
import { type AuditAnchor, formatAuditAnchor, parseAuditAnchor } from './anchor';
import { readSmallFile, syncDirectory, writeFully } from './jsonl-files';

/** Largest anchor file read back; a real one is about 250 bytes. */
const MAX_ANCHOR_BYTES = 4096;

/**
 * Replaces the anchor file atomically: writes `<path>.tmp`, fsyncs it, renames it over `path` and
 * fsyncs the directory, so after a crash the file holds the old anchor or the new one, never a mix.
 *
 * @param path - the anchor file
 * @param anchor - the new anchor
 */
export async function writeAuditAnchorFile(path: string, anchor: AuditAnchor): Promise<void> {
  const temporary = `${path}.tmp`;
  const handle = await open(temporary, 'w', 0o600);
  try {
    await writeFully(handle, Buffer.from(`${formatAuditAnchor(anchor)}\n`, 'utf8'));
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, path);
  await syncDirectory(dirname(path));
}

/**
 * Reads an anchor file.
 *
 * @param path - the anchor file
 * @returns the anchor, or `undefined` if the file does not exist
 * @throws `AuditError` `SESSION_AUDIT_ANCHOR_INVALID` if it cannot be read or is not an anchor
 */
export async function readAuditAnchorFile(path: string): Promise<AuditAnchor | undefined> {
  let text: string | undefined;
  try {
    text = await readSmallFile(path, MAX_ANCHOR_BYTES);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new AuditError(SessionErrorCode.AUDIT_ANCHOR_INVALID, `cannot read audit anchor ${path}`, { cause });
  }
  if (text === undefined) {
    throw new AuditError(SessionErrorCode.AUDIT_ANCHOR_INVALID, `audit anchor ${path} is too large`);
  }
  return parseAuditAnchor(text);
}
