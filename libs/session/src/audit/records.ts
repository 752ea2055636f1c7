import { CONSENT_SCOPES, type ConsentScope } from '../consent/scopes';
import { AuditError, SessionErrorCode } from '../errors';
import { type EndReason, isEndReason } from '../lifecycle/states';
import type { AgentIdentity, ClaimFailure } from '../registry/registry';

/** Fields every session-bound audit record carries: when, which session, and who. */
export interface SessionAuditBase {
  /** When it happened: ISO 8601 UTC with milliseconds, e.g. `2026-11-28T20:10:00.000Z`. */
  at: string;
  /** Session id (not the number). */
  sessionId: string;
  /** The session's 8-digit number. */
  number: string;
  /** The agent of the session. */
  agent: AgentIdentity;
}

/** An agent created a session and received its number. */
export interface SessionCreatedRecord extends SessionAuditBase {
  /** Record type. */
  type: 'session-created';
  /** The agent's peer address as the relay saw it. */
  agentAddress?: string;
}

/** A guest claimed the number and was paired with the agent. */
export interface GuestJoinedRecord extends SessionAuditBase {
  /** Record type. */
  type: 'guest-joined';
  /** The guest's peer address as the relay saw it. */
  guestAddress: string;
}

/** An agent's attempt to create a session was refused; no session is bound to it. */
export interface AgentRefusedRecord {
  /** Record type. */
  type: 'agent-refused';
  /** When it happened (ISO 8601 UTC). */
  at: string;
  /** The peer address of the would-be agent. */
  agentAddress: string;
  /** Why: the token was not accepted, or the address is held back by the rate limiter. */
  reason: 'unauthorized' | 'rate-limited';
}

/** A join attempt failed; no session is bound to it. */
export interface JoinRefusedRecord {
  /** Record type. */
  type: 'join-refused';
  /** When it happened (ISO 8601 UTC). */
  at: string;
  /** The number as typed, reduced to at most 32 characters. */
  number: string;
  /** The guest's peer address. */
  guestAddress: string;
  /** Why: a claim failure, a malformed number or the rate limiter. */
  reason: ClaimFailure | 'malformed' | 'rate-limited';
}

/**
 * Fields of the records of the customer's decisions (consent, control). The relay cannot see
 * these decisions (they travel end-to-end encrypted); it records them as the guest's software
 * reports them, so they document what the customer's side said it allowed.
 */
export interface GuestDecisionBase extends SessionAuditBase {
  /** The peer address of the guest that reported the decision, as the relay saw it. */
  guestAddress?: string;
}

/** The guest confirmed the security code and consented. */
export interface ConsentGrantedRecord extends GuestDecisionBase {
  /** Record type. */
  type: 'consent-granted';
  /** What was granted. */
  scopes: ConsentScope[];
}

/** The guest refused consent. */
export interface ConsentRefusedRecord extends GuestDecisionBase {
  /** Record type. */
  type: 'consent-refused';
}

/** The guest granted mouse and keyboard control. */
export interface ControlGrantedRecord extends GuestDecisionBase {
  /** Record type. */
  type: 'control-granted';
}

/** The guest took control back (or refused a request). */
export interface ControlRevokedRecord extends GuestDecisionBase {
  /** Record type. */
  type: 'control-revoked';
}

/** Byte counts the relay forwarded for a session. */
export interface ForwardedBytes {
  /** Bytes from guest to agent. */
  guestToAgent: number;
  /** Bytes from agent to guest. */
  agentToGuest: number;
}

/** The session ended. */
export interface SessionEndedRecord extends SessionAuditBase {
  /** Record type. */
  type: 'session-ended';
  /** Why it ended. */
  reason: EndReason;
  /** Which side ended it, as the relay saw it (`relay` for shutdown and expiry). */
  endedBy?: 'agent' | 'guest' | 'relay';
  /** What the relay forwarded. */
  bytes: ForwardedBytes;
}

/**
 * The first record of a log started by sealing a broken one (`sealJsonlAuditFile`): it names the
 * sealed file and the hash of its last good line, so the evidence before and after the break stays
 * linked. Only ever the first line of a log.
 */
export interface ChainContinuedRecord {
  /** Record type. */
  type: 'chain-continued';
  /** When the old log was sealed (ISO 8601 UTC). */
  at: string;
  /** File name (in the same directory) the broken log was sealed as, e.g. `audit.jsonl.sealed-2026-…`. */
  sealedFile: string;
  /** Good records in the sealed file, before its break. */
  sealedRecords: number;
  /** SHA-256 hex of the sealed file's last good line (64 zeros when there was none). */
  sealedLastHash: string;
  /** What broke the sealed chain (an `AuditVerifyProblem` code). */
  problem: string;
  /** 1-based line of the sealed file where it broke. */
  problemLine: number;
}

/** Where a record was written: the relay node, in a cluster (see `createRelay({ cluster })` of `@fernhilfe/transport/relay`). */
export interface AuditRecordOrigin {
  /** Id of the relay node that wrote the record; absent on a single relay. */
  node?: string;
}

/** One audit record: what happened, and in a cluster the node that wrote it. */
export type AuditRecord = (
  | ChainContinuedRecord
  | AgentRefusedRecord
  | SessionCreatedRecord
  | GuestJoinedRecord
  | JoinRefusedRecord
  | ConsentGrantedRecord
  | ConsentRefusedRecord
  | ControlGrantedRecord
  | ControlRevokedRecord
  | SessionEndedRecord
) &
  AuditRecordOrigin;

/** Every value of `AuditRecord['type']`. */
export const AUDIT_RECORD_TYPES = [
  'chain-continued',
  'agent-refused',
  'session-created',
  'guest-joined',
  'join-refused',
  'consent-granted',
  'consent-refused',
  'control-granted',
  'control-revoked',
  'session-ended',
] as const satisfies readonly AuditRecord['type'][];

/** A record as stored: the record plus its position and the hash of the line before it. */
export type StoredAuditRecord = AuditRecord & {
  /** 0-based position in the log. */
  seq: number;
  /**
   * Link to the previous line (hex; 64 zeros for the first line): SHA-256 of its UTF-8 bytes, or,
   * in a keyed line, HMAC-SHA256 of them under the key named by `keyId`.
   */
  prev: string;
  /** Present in keyed lines: the `AuditKey.id` of the key that made `prev`. */
  keyId?: string;
};

const MAX_TEXT = 256;
const JOIN_REFUSAL_REASONS = ['unknown', 'expired', 'taken', 'malformed', 'rate-limited'];

function invalid(message: string): never {
  throw new AuditError(SessionErrorCode.AUDIT_INVALID_RECORD, message);
}

function checkText(value: unknown, name: string, optional = false): void {
  if (optional && value === undefined) return;
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_TEXT) invalid(`${name} must be text`);
}

function checkCount(value: unknown, name: string): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) invalid(`${name} must be a count`);
}

function checkSessionBase(record: Record<string, unknown>): void {
  checkText(record.sessionId, 'sessionId');
  checkText(record.number, 'number');
  const agent = record.agent as Record<string, unknown> | undefined;
  if (typeof agent !== 'object' || agent === null) invalid('agent must be an object');
  checkText(agent.id, 'agent.id');
  checkText(agent.org, 'agent.org');
  checkText(agent.name, 'agent.name', true);
}

/**
 * Checks that a value is a well-formed {@link AuditRecord} (known type, required fields, sane
 * sizes). Stores call it before writing; readers call it on every line.
 *
 * @param value - anything
 * @returns `value`, typed
 * @throws {@link AuditError} `SESSION_AUDIT_INVALID_RECORD`
 */
export function validateAuditRecord(value: unknown): AuditRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) invalid('record must be an object');
  const record = value as Record<string, unknown>;
  if (Object.hasOwn(record, 'seq') || Object.hasOwn(record, 'prev') || Object.hasOwn(record, 'keyId')) {
    invalid('seq, prev and keyId are set by the store');
  }
  if (typeof record.at !== 'string' || Number.isNaN(Date.parse(record.at))) invalid('at must be an ISO date');
  checkText(record.node, 'node', true);
  switch (record.type) {
    case 'chain-continued':
      checkText(record.sealedFile, 'sealedFile');
      checkText(record.problem, 'problem');
      checkCount(record.sealedRecords, 'sealedRecords');
      checkCount(record.problemLine, 'problemLine');
      if (typeof record.sealedLastHash !== 'string' || !/^[0-9a-f]{64}$/.test(record.sealedLastHash)) {
        invalid('sealedLastHash must be SHA-256 hex');
      }
      break;
    case 'agent-refused':
      checkText(record.agentAddress, 'agentAddress');
      if (record.reason !== 'unauthorized' && record.reason !== 'rate-limited') invalid('unknown agent refusal reason');
      break;
    case 'join-refused':
      checkText(record.guestAddress, 'guestAddress');
      if (typeof record.number !== 'string' || record.number.length > 32) invalid('number must be short text');
      if (!JOIN_REFUSAL_REASONS.includes(record.reason as string)) invalid('unknown join refusal reason');
      break;
    case 'session-created':
      checkSessionBase(record);
      checkText(record.agentAddress, 'agentAddress', true);
      break;
    case 'guest-joined':
      checkSessionBase(record);
      checkText(record.guestAddress, 'guestAddress');
      break;
    case 'consent-granted':
      checkSessionBase(record);
      checkText(record.guestAddress, 'guestAddress', true);
      if (
        !Array.isArray(record.scopes) ||
        !record.scopes.every((scope) => (CONSENT_SCOPES as readonly unknown[]).includes(scope))
      ) {
        invalid('scopes must be consent scopes');
      }
      break;
    case 'consent-refused':
    case 'control-granted':
    case 'control-revoked':
      checkSessionBase(record);
      checkText(record.guestAddress, 'guestAddress', true);
      break;
    case 'session-ended': {
      checkSessionBase(record);
      if (!isEndReason(record.reason)) invalid('unknown end reason');
      if (
        record.endedBy !== undefined &&
        record.endedBy !== 'agent' &&
        record.endedBy !== 'guest' &&
        record.endedBy !== 'relay'
      ) {
        invalid('endedBy must be agent, guest or relay');
      }
      const bytes = record.bytes as Record<string, unknown> | undefined;
      if (typeof bytes !== 'object' || bytes === null) invalid('bytes must be an object');
      checkCount(bytes.guestToAgent, 'bytes.guestToAgent');
      checkCount(bytes.agentToGuest, 'bytes.agentToGuest');
      break;
    }
    default:
      invalid('unknown record type');
  }
  return record as unknown as AuditRecord;
}
