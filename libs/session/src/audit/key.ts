import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { AuditError, SessionErrorCode } from '../errors';

/** Fewest key bytes accepted: the HMAC-SHA256 output size. */
export const AUDIT_KEY_MIN_BYTES = 32;

const KEY_ID_LABEL = utf8ToBytes('fernhilfe audit key id v1');

/**
 * The operator's secret for the keyed audit chain and its anchors (HMAC-SHA256). The bytes stay
 * inside; lines and anchors name the key only by its {@link AuditKey.id}.
 */
export class AuditKey {
  readonly #bytes: Uint8Array;
  /** 16 hex digits derived from the key (not the key): written into keyed lines and anchors. */
  readonly id: string;

  /**
   * @param bytes - at least {@link AUDIT_KEY_MIN_BYTES} random bytes (copied)
   * @throws {@link AuditError} `SESSION_AUDIT_KEY_INVALID` if shorter
   */
  constructor(bytes: Uint8Array) {
    if (!(bytes instanceof Uint8Array) || bytes.length < AUDIT_KEY_MIN_BYTES) {
      throw new AuditError(
        SessionErrorCode.AUDIT_KEY_INVALID,
        `audit key must be at least ${AUDIT_KEY_MIN_BYTES} bytes`,
      );
    }
    this.#bytes = Uint8Array.from(bytes);
    this.id = bytesToHex(hmac(sha256, this.#bytes, KEY_ID_LABEL).subarray(0, 8));
    Object.freeze(this);
  }

  /**
   * @param text - what to authenticate (UTF-8)
   * @returns HMAC-SHA256 of `text` under the key, lowercase hex
   */
  mac(text: string): string {
    return bytesToHex(hmac(sha256, this.#bytes, utf8ToBytes(text)));
  }
}

/**
 * Reads a key written as hex (`openssl rand -hex 32`) or base64 (`openssl rand -base64 32`);
 * surrounding whitespace is ignored.
 *
 * @param text - the key file's content
 * @returns the key
 * @throws {@link AuditError} `SESSION_AUDIT_KEY_INVALID` if it is neither, or decodes to fewer than 32 bytes
 */
export function parseAuditKey(text: string): AuditKey {
  const trimmed = text.trim();
  let bytes: Uint8Array | undefined;
  if (/^(?:[0-9a-fA-F]{2})+$/.test(trimmed)) {
    bytes = hexToBytes(trimmed);
  } else if (/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed) && trimmed.length % 4 === 0) {
    bytes = Uint8Array.from(atob(trimmed), (char) => char.charCodeAt(0));
  }
  if (bytes === undefined) {
    throw new AuditError(SessionErrorCode.AUDIT_KEY_INVALID, 'audit key is neither hex nor base64');
  }
  return new AuditKey(bytes);
}
