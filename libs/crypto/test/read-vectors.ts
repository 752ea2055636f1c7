import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Published test vectors kept in the repository; sources and licences in `vectors/MANIFEST.md`. */
const VECTORS_DIR = new URL('./vectors/', import.meta.url);

/** Parses a JSON file under `test/vectors` (provenance in its MANIFEST.md). */
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
