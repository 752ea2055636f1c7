import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';

const SECURITY_CODE_LABEL = utf8ToBytes('fernhilfe/security-code/v1');
const CODE_SPACE = 1_000_000n;

/**
 * The 6-digit code both people compare, from the Noise handshake hash:
 * HKDF-SHA256(ikm = h, salt = none, info = "fernhilfe/security-code/v1", 8 bytes) read as a
 * big-endian 64-bit integer, reduced mod 10⁶, shown as "123 456".
 *
 * Reducing a uniform 64-bit value mod 10⁶ makes some codes likelier than others by at most
 * 10⁶ / 2⁶⁴ ≈ 5.4 × 10⁻¹⁴ (relative), which is negligible next to the 10⁻⁶ guess.
 */
export function deriveSecurityCode(handshakeHash: Uint8Array): string {
  const okm = hkdf(sha256, handshakeHash, undefined, SECURITY_CODE_LABEL, 8);
  return formatSecurityCode(Number(new DataView(okm.buffer, okm.byteOffset, 8).getBigUint64(0) % CODE_SPACE));
}

/** Formats 0…999 999 as six digits with a space in the middle ("012 345"). */
export function formatSecurityCode(value: number): string {
  const digits = value.toString().padStart(6, '0');
  return `${digits.slice(0, 3)} ${digits.slice(3)}`;
}
