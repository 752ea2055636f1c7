/**
 * Node-only entry `@fernhilfe/session/audit-jsonl`: the durable JSONL audit store. Kept out of
 * the main entry so browser bundles of `@fernhilfe/session` never pull in `node:fs`.
 *
 * @example
 * ```ts
 * import { openJsonlAuditStore } from '@fernhilfe/session/audit-jsonl';
 * import { closeInterruptedSessions } from '@fernhilfe/session';
 *
 * const audit = await openJsonlAuditStore('/var/lib/fernhilfe/audit.jsonl', {
 *   onRecovery: (r) => console.warn(`partial audit line ${r.line} kept at ${r.keptAt}`),
 * });
 * await closeInterruptedSessions(audit);
 * ```
 *
 * @packageDocumentation
 */
export {
  type AuditRecovery,
  type JsonlAuditStore,
  type JsonlAuditStoreOptions,
  openJsonlAuditStore,
} from './audit/jsonl-store';
