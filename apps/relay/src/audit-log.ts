import { resolve } from 'node:path';
import { AuditError, type AuditKey, formatAuditAnchor, SessionErrorCode } from '@fernhilfe/session';
import { type JsonlAuditStore, openJsonlAuditStore, readAuditKeyFile } from '@fernhilfe/session/audit-jsonl';
import { CliUsageError, RelayCliErrorCode } from './errors';
import type { OperatorLog } from './operator-log';
import { prepareStateFile } from './state-dir';

/** Printed at start when no audit key is configured. */
export const UNKEYED_AUDIT_WARNING =
  'audit: no --audit-key-file given: the audit log is a plain hash chain that detects accidental damage only; ' +
  'anyone who can write the file can rewrite or shorten it undetected (see docs/self-hosting.md, "Audit log")';

/**
 * Reads the audit key file.
 *
 * @param path - the key file
 * @returns the key
 * @throws {@link CliUsageError} `RELAY_CLI_INVALID_AUDIT_KEY` for an unreadable or malformed file
 */
export async function loadAuditKey(path: string): Promise<AuditKey> {
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

function startRefusal(path: string, error: unknown): unknown {
  if (!(error instanceof AuditError)) return error;
  if (error.code === SessionErrorCode.AUDIT_LOCKED) {
    return new CliUsageError(RelayCliErrorCode.AUDIT_LOCKED, error.message, { cause: error });
  }
  if (error.code === SessionErrorCode.AUDIT_CHAIN_BROKEN) {
    return new CliUsageError(
      RelayCliErrorCode.AUDIT_CHAIN_BROKEN,
      `${error.message}. The relay does not write to a broken log. To keep the evidence and go on, ` +
        `stop every relay on it and run: fernhilfe-relay audit seal ${path} (see docs/self-hosting.md, "Broken chain")`,
      { cause: error },
    );
  }
  return error;
}

/**
 * Opens the relay's JSONL audit log: checks its directory (created 0700, refused when not writable
 * or owned by another user), takes its lock as `fernhilfe-relay`, and opens it keyed and anchored
 * when `keyFile` is given (each anchor is also logged as `audit anchor {…}`), else as a plain hash
 * chain with a warning.
 *
 * @param auditFile - the log file (absolute)
 * @param keyFile - the key file (`--audit-key-file`), or `undefined`
 * @param log - the operator log
 * @returns the open store
 * @throws {@link CliUsageError} for a bad key file (`RELAY_CLI_INVALID_AUDIT_KEY`), an unsafe path
 *   (`RELAY_CLI_STATE_PATH_REFUSED`), a log held by another relay (`RELAY_CLI_AUDIT_LOCKED`) or a
 *   broken chain (`RELAY_CLI_AUDIT_CHAIN_BROKEN`); other `AuditError`s from the store
 */
export async function openRelayAuditLog(
  auditFile: string,
  keyFile: string | undefined,
  log: OperatorLog,
): Promise<JsonlAuditStore> {
  const key = keyFile === undefined ? undefined : await loadAuditKey(keyFile);
  if (key === undefined) log.write('warn', 'audit-unkeyed', UNKEYED_AUDIT_WARNING);
  const path = resolve(auditFile);
  const narrowed = await prepareStateFile(path);
  if (narrowed !== undefined) log.write('warn', 'audit-permissions', `audit: ${narrowed}`);
  const store = await openJsonlAuditStore(path, {
    key,
    lockOwner: 'fernhilfe-relay',
    onAnchor: (anchor) =>
      log.write('info', 'audit-anchor', `audit anchor ${formatAuditAnchor(anchor)}`, {
        anchor: formatAuditAnchor(anchor),
      }),
    onRecovery: (recovery) =>
      log.write(
        'warn',
        'audit-recovered',
        `audit: partial line ${recovery.line} from an earlier crash kept at ${recovery.keptAt}`,
        { line: recovery.line, keptAt: recovery.keptAt },
      ),
  }).catch((error: unknown) => {
    throw startRefusal(path, error);
  });
  const replaced = store.replacedLock;
  if (replaced !== undefined) {
    log.write(
      'warn',
      'audit-lock-replaced',
      `audit: replaced the lock of ${replaced.owner} pid ${replaced.pid} on ${replaced.host} (since ${replaced.since}), which is gone`,
      { pid: replaced.pid, host: replaced.host },
    );
  }
  if (store.anchor !== undefined && store.anchor.keyedFrom > 0) {
    log.write(
      'warn',
      'audit-unkeyed-prefix',
      `audit: lines 1–${store.anchor.keyedFrom} were written before the audit key was set; ` +
        'they are protected by the anchor only, not by the key',
    );
  }
  return store;
}
