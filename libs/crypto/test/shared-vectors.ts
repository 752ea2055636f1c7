import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// /work/main/libs/crypto/test → ../../../../shared/vectors (CI has shared/ beside the clone).
const VECTORS_DIR = new URL('../../../../shared/vectors/', import.meta.url);

/** Parses a JSON file under shared/vectors (provenance in its MANIFEST.md). */
export function readVectors<T>(relativePath: string): T {
  return JSON.parse(readFileSync(fileURLToPath(new URL(relativePath, VECTORS_DIR)), 'utf8')) as T;
}

/** Hex string to bytes. */
export function hex(text: string): Uint8Array {
  return Uint8Array.from(Buffer.from(text, 'hex'));
}

/** Bytes to hex string. */
export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}
