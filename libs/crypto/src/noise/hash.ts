import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes } from '@noble/hashes/utils.js';

/** Noise HASHLEN for SHA-256. */
export const HASH_LENGTH = 32;

/** Noise HASH(data): SHA-256 (FIPS 180-4). */
export function hash(...parts: Uint8Array[]): Uint8Array {
  const state = sha256.create();
  for (const part of parts) state.update(part);
  return state.digest();
}

/**
 * Noise HKDF(chaining_key, input_key_material, num_outputs) — Noise rev 34 §4.3, i.e.
 * RFC 5869 HKDF-SHA256 with salt = chaining key and empty info.
 */
export function noiseHkdf(chainingKey: Uint8Array, inputKeyMaterial: Uint8Array, outputs: 2 | 3): Uint8Array[] {
  const tempKey = hmac(sha256, chainingKey, inputKeyMaterial);
  const output1 = hmac(sha256, tempKey, Uint8Array.of(1));
  const output2 = hmac(sha256, tempKey, concatBytes(output1, Uint8Array.of(2)));
  if (outputs === 2) return [output1, output2];
  const output3 = hmac(sha256, tempKey, concatBytes(output2, Uint8Array.of(3)));
  return [output1, output2, output3];
}
