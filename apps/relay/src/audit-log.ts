import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { AuditError, type AuditKey, formatAuditAnchor, SessionErrorCode } from '@fernhilfe/session';
import { type JsonlAuditStore, openJsonlAuditStore, readAuditKeyFile } from '@fernhilfe/session/audit-jsonl';
import { CliUsageError, RelayCliErrorCode } from './errors';

/** Printed at start when no audit key is configured. */
export const UNKEYED_AUDIT_WARNING =
  'audit: no --audit-key-file given: the audit log is a plain hash chain that detects accidental damage only; ' +
  'anyone who can write the file can rewrite or shorten it undetected (see docs/self-hosting.md, "Audit log")';

async function loadKey(path: string): Promise<AuditKey> {
  try {
    return await readAuditKeyFile(resolve(path));
  } catch (error) {
    if (error instanceof AuditError && error.code === SessionErrorCode.AUDIT_KEY_INVALID) {
      // Reported like a bad option: the relay does not start.
      throw new CliUsageError(RelayCliErrorCode.INVALID_AUDIT_KEY, `--audit-key-file: ${error.message}`, {
        cause: error,
      });
    }
    throw error;
  }
}

/**
 * Opens the relay's JSONL audit log: keyed and anchored when `keyFile` is given (each anchor is
 * also printed as an `audit anchor {…}` line for the operator's log), else a plain hash chain
 * with a warning.
 *
 * @param auditFile - the log file (its directory is created)
 * @param keyFile - the key file (`--audit-key-file`), or `undefined`
 * @returns the open store
 * @throws {@link CliUsageError} for an unreadable or malformed key file; `AuditError` from the store
 */
export async function openRelayAuditLog(auditFile: string, keyFile: string | undefined): Promise<JsonlAuditStore> {
  const key = keyFile === undefined ? undefined : await loadKey(keyFile);
  if (key === undefined) console.warn(UNKEYED_AUDIT_WARNING);
  const path = resolve(auditFile);
  await mkdir(dirname(path), { recursive: true });
  const store = await openJsonlAuditStore(path, {
    key,
    onAnchor: (anchor) => console.log(`audit anchor ${formatAuditAnchor(anchor)}`),
    onRecovery: (recovery) =>
      console.warn(`audit: partial line ${recovery.line} from an earlier crash kept at ${recovery.keptAt}`),
  });
  if (store.anchor !== undefined && store.anchor.keyedFrom > 0) {
    console.warn(
      `audit: lines 1–${store.anchor.keyedFrom} were written before the audit key was set; ` +
        'they are protected by the anchor only, not by the key',
    );
  }
  return store;
}
