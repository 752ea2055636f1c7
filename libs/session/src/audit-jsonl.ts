/**
 * Node-only entry `@fernhilfe/session/audit-jsonl`: the durable JSONL audit store, its key file
 * and anchor file, and verification of a log file. Kept out of the main entry so browser bundles
 * of `@fernhilfe/session` never pull in `node:fs`.
 *
 * @example
 * ```ts
 * import { openJsonlAuditStore, readAuditKeyFile } from '@fernhilfe/session/audit-jsonl';
 * import { closeInterruptedSessions, formatAuditAnchor } from '@fernhilfe/session';
 *
 * const audit = await openJsonlAuditStore('/var/lib/fernhilfe/audit.jsonl', {
 *   key: await readAuditKeyFile('/etc/fernhilfe/audit.key'),
 *   onAnchor: (anchor) => console.log(`audit anchor ${formatAuditAnchor(anchor)}`),
 *   onRecovery: (r) => console.warn(`partial audit line ${r.line} kept at ${r.keptAt}`),
 * });
 * await closeInterruptedSessions(audit);
 * ```
 *
 * @packageDocumentation
 */
export { readAuditAnchorFile, writeAuditAnchorFile } from './audit/anchor-file';
export { checkSealLink, type SealOptions, type SealResult, sealJsonlAuditFile } from './audit/jsonl-seal';
export {
  type AuditLockHolder,
  type AuditRecovery,
  type JsonlAuditStore,
  type JsonlAuditStoreOptions,
  openJsonlAuditStore,
} from './audit/jsonl-store';
export { verifyJsonlAuditFile } from './audit/jsonl-verify';
export { readAuditKeyFile } from './audit/key-file';
