/**
 * @packageDocumentation
 * `@fernhilfe/session`: session numbers (generate, Damm check digit, parse, format), the
 * session lifecycle and end reasons shared by relay, guest and viewer, the consent scopes,
 * the session registry, join rate limiting and the tamper-evident audit log: everything the
 * relay needs, with no crypto and no codec. The call itself (support protocol, guest and
 * viewer drivers, permission gate) is `@fernhilfe/call`.
 *
 * Browser-safe: nothing here imports `node:*`. The durable JSONL audit store lives in the
 * Node-only subpath `@fernhilfe/session/audit-jsonl`.
 *
 * @example
 * ```ts
 * import { createMemoryRegistry, createJoinRateLimiter, parseSessionNumber, formatSessionNumber } from '@fernhilfe/session';
 *
 * const registry = createMemoryRegistry();
 * const limiter = createJoinRateLimiter();
 * const session = await registry.create({ agent: { id: 'a-17', org: 'Stadtwerke Fernhilfe' } });
 * console.log(formatSessionNumber(session.number)); // read this out on the phone
 *
 * // later, when a guest types a number:
 * if (limiter.check(ip).allowed) {
 *   const claim = await registry.claimByNumber(parseSessionNumber(typed));
 *   if (claim.ok) limiter.recordSuccess(ip);
 *   else limiter.recordFailure(ip, claim.reason);
 * }
 * ```
 */

export {
  type AuditAnchor,
  auditAnchorMacValid,
  createAuditAnchor,
  formatAuditAnchor,
  parseAuditAnchor,
} from './audit/anchor';
export {
  AUDIT_GENESIS_PREV,
  type AuditChainBroken,
  type AuditChainIntact,
  type AuditLineHasher,
  type AuditLineProblem,
  type AuditVerifyOptions,
  AuditVerifyProblem,
  type AuditVerifyResult,
  auditLink,
  formatAuditLine,
  parseAuditLine,
  verifyAuditLines,
} from './audit/chain';
export { type CloseInterruptedOptions, closeInterruptedSessions } from './audit/interrupted';
export { AUDIT_KEY_MIN_BYTES, AuditKey, parseAuditKey } from './audit/key';
export {
  createMemoryAuditStore,
  type MemoryAuditStore,
  type MemoryAuditStoreOptions,
  sha256Hex,
} from './audit/memory-store';
export {
  type AgentRefusedRecord,
  AUDIT_RECORD_TYPES,
  type AuditRecord,
  type AuditRecordOrigin,
  type ChainContinuedRecord,
  type ConsentGrantedRecord,
  type ConsentRefusedRecord,
  type ControlGrantedRecord,
  type ControlRevokedRecord,
  type ForwardedBytes,
  type GuestDecisionBase,
  type GuestJoinedRecord,
  type JoinRefusedRecord,
  type SessionAuditBase,
  type SessionCreatedRecord,
  type SessionEndedRecord,
  type StoredAuditRecord,
  validateAuditRecord,
} from './audit/records';
export { type AuditStore, auditQueries, type ReadAuditWhere, toEpochMs } from './audit/store';
export { CONSENT_SCOPES, type ConsentScope } from './consent/scopes';
export {
  AuditError,
  SessionError,
  SessionErrorCode,
  SessionNumberError,
  SessionTransitionError,
} from './errors';
export { END_REASON_SENDERS, END_REASONS_SENT_BY, type EndReasonSender } from './lifecycle/end-reasons';
export {
  createLifecycle,
  DEFAULT_LIFECYCLE_TIMEOUTS,
  type Lifecycle,
  type LifecycleChange,
  type LifecycleOptions,
  type LifecycleTimeouts,
} from './lifecycle/lifecycle';
export {
  canEndWith,
  canTransition,
  END_REASON_ALLOWED_FROM,
  END_REASONS,
  type EndReason,
  isEndReason,
  SESSION_STATES,
  type SessionState,
  TRANSITIONS,
} from './lifecycle/states';
export { transition } from './lifecycle/transition';
export { dammCheckDigit, dammIsValid } from './number/damm';
export {
  formatSessionNumber,
  type GenerateSessionNumberOptions,
  generateSessionNumber,
  isValidSessionNumber,
  parseSessionNumber,
  type RandomSource,
  SESSION_NUMBER_LENGTH,
} from './number/session-number';
export { formatGuessingOddsTable, type GuessingOdds, guessingOdds } from './rate-limit/guessing-odds';
export { ipPrefixKey, ipRateLimitKey } from './rate-limit/ip-key';
export {
  createJoinRateLimiter,
  DEFAULT_PER_IP_POLICY,
  DEFAULT_PER_PREFIX_POLICY,
  type GlobalPolicy,
  JOIN_DENIALS,
  JOIN_FAILURE_REASONS,
  type JoinAllowed,
  type JoinDecision,
  type JoinDenial,
  type JoinDenied,
  type JoinFailureReason,
  type JoinRateLimiter,
  type JoinRateLimiterOptions,
  type JoinRateLimiterStats,
  type PenaltyPolicy,
  type PerIpPolicy,
  type PerPrefixPolicy,
} from './rate-limit/join-rate-limiter';
export { createMemoryRegistry, type MemoryRegistryOptions } from './registry/memory-registry';
export type {
  AgentIdentity,
  ClaimFailure,
  ClaimRefusal,
  ClaimResult,
  ClaimSuccess,
  CreateSessionInput,
  SessionRecord,
  SessionRegistry,
} from './registry/registry';
