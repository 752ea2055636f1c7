import { AuditError, SessionErrorCode } from '../errors';
import { readSmallFile } from './jsonl-files';
import { type AuditKey, parseAuditKey } from './key';

/** Largest key file read: a key is 32–64 bytes, written as hex or base64 with a newline. */
const MAX_KEY_FILE_BYTES = 1024;

/**
 * Loads the audit key from a file holding at least 32 random bytes as hex or base64, e.g. made
 * with `openssl rand -hex 32 > audit.key`.
 *
 * @param path - the key file
 * @returns the key
 * @throws `AuditError` `SESSION_AUDIT_KEY_INVALID` if the file cannot be read, is too large, or
 *   does not hold a key of at least 32 bytes
 */
export async function readAuditKeyFile(path: string): Promise<AuditKey> {
  let text: string | undefined;
  try {
    text = await readSmallFile(path, MAX_KEY_FILE_BYTES);
  } catch (cause) {
    throw new AuditError(SessionErrorCode.AUDIT_KEY_INVALID, `cannot read audit key file ${path}`, { cause });
  }
  if (text === undefined) {
    throw new AuditError(SessionErrorCode.AUDIT_KEY_INVALID, `audit key file ${path} is larger than a key`);
  }
  try {
    return parseAuditKey(text);
  } catch (cause) {
    throw new AuditError(
      SessionErrorCode.AUDIT_KEY_INVALID,
      `audit key file ${path} must hold at least 32 random bytes as hex or base64 (openssl rand -hex 32)`,
      { cause },
    );
  }
}
