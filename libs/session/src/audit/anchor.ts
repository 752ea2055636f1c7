import { AuditError, SessionErrorCode } from '../errors';
import type { AuditKey } from './key';

/**
 * The MACed head of a keyed audit log: "line `seq` exists and hashes to `hash`". A log that
 * ends before `seq`, or differs there, no longer matches its anchor.
 */
export interface AuditAnchor {
  /** `seq` of the last line the anchor covers (0-based). */
  seq: number;
  /** SHA-256 hex of that line's UTF-8 bytes (checkable without the key). */
  hash: string;
  /** When the anchor was made (ISO 8601 UTC). */
  at: string;
  /** {@link AuditKey.id} of the key that made `mac`. */
  keyId: string;
  /**
   * `seq` of the first keyed line: the lines before it were written before the key was set and
   * are only hash-chained (0 for a log keyed from the start).
   */
  keyedFrom: number;
  /** HMAC-SHA256 hex over `seq`, `hash`, `at` and `keyId`. */
  mac: string;
}

const HEX64 = /^[0-9a-f]{64}$/;
const HEX16 = /^[0-9a-f]{16}$/;

function macInput(anchor: Omit<AuditAnchor, 'mac'>): string {
  const { seq, hash, at, keyId, keyedFrom } = anchor;
  return `fernhilfe audit anchor v1\n${seq}\n${hash}\n${at}\n${keyId}\n${keyedFrom}`;
}

/**
 * @param key - the log's key
 * @param seq - `seq` of the last durable line
 * @param hash - SHA-256 hex of that line
 * @param at - when (ms since epoch)
 * @param keyedFrom - `seq` of the first keyed line
 * @returns the anchor, MACed with `key`
 */
export function createAuditAnchor(
  key: AuditKey,
  seq: number,
  hash: string,
  at: number,
  keyedFrom: number,
): AuditAnchor {
  const unsigned = { seq, hash, at: new Date(at).toISOString(), keyId: key.id, keyedFrom };
  return { ...unsigned, mac: key.mac(macInput(unsigned)) };
}

/**
 * @param key - the key the anchor claims
 * @param anchor - a parsed anchor
 * @returns whether `anchor.mac` was made with `key` over the anchor's fields
 */
export function auditAnchorMacValid(key: AuditKey, anchor: AuditAnchor): boolean {
  return anchor.keyId === key.id && key.mac(macInput(anchor)) === anchor.mac;
}

/**
 * Serialises an anchor as one line of JSON: the content of the anchor file and of the
 * `audit anchor` line in the relay's log.
 *
 * @param anchor - the anchor
 * @returns one line, no newline
 */
export function formatAuditAnchor(anchor: AuditAnchor): string {
  const { seq, hash, at, keyId, keyedFrom, mac } = anchor;
  return JSON.stringify({ seq, hash, at, keyId, keyedFrom, mac });
}

/**
 * Reads an anchor from {@link formatAuditAnchor}'s output (surrounding whitespace ignored).
 * Only the shape is checked here; the MAC is checked by verification, which has the key.
 *
 * @param text - the anchor's JSON
 * @returns the anchor
 * @throws {@link AuditError} `SESSION_AUDIT_ANCHOR_INVALID` if it is not an anchor
 */
export function parseAuditAnchor(text: string): AuditAnchor {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new AuditError(SessionErrorCode.AUDIT_ANCHOR_INVALID, 'audit anchor is not JSON', { cause });
  }
  const { seq, hash, at, keyId, keyedFrom, mac } = (value ?? {}) as Record<string, unknown>;
  if (
    !Number.isSafeInteger(seq) ||
    (seq as number) < 0 ||
    !Number.isSafeInteger(keyedFrom) ||
    (keyedFrom as number) < 0 ||
    typeof hash !== 'string' ||
    !HEX64.test(hash) ||
    typeof at !== 'string' ||
    Number.isNaN(Date.parse(at)) ||
    typeof keyId !== 'string' ||
    !HEX16.test(keyId) ||
    typeof mac !== 'string' ||
    !HEX64.test(mac)
  ) {
    throw new AuditError(
      SessionErrorCode.AUDIT_ANCHOR_INVALID,
      'audit anchor lacks seq, hash, at, keyId, keyedFrom or mac',
    );
  }
  return { seq: seq as number, hash, at, keyId, keyedFrom: keyedFrom as number, mac };
}
