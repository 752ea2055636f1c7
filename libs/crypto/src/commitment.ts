import { equalBytes } from '@noble/ciphers/utils.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { hash } from './noise/hash';

/** Length of the guest's key commitment in bytes. */
export const COMMITMENT_LENGTH = 32;

const COMMIT_LABEL = utf8ToBytes('fernhilfe/commit/v1');

/** c = SHA-256("fernhilfe/commit/v1" ‖ e_guest.pub). */
export function commitToKey(ephemeralPublicKey: Uint8Array): Uint8Array {
  return hash(COMMIT_LABEL, ephemeralPublicKey);
}

/** Whether `ephemeralPublicKey` opens `commitment` (compared without early exit). */
export function opensCommitment(commitment: Uint8Array, ephemeralPublicKey: Uint8Array): boolean {
  return equalBytes(commitToKey(ephemeralPublicKey), commitment);
}
