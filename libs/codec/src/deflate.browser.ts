import { deflateSync, Inflate } from 'fflate';
import type { DeflateBackend } from './deflate';
import { CodecError, CodecErrorCode } from './errors';

type DeflateLevel = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

/**
 * Input is fed in pieces of this size so a deflate bomb is noticed after at most one piece's
 * expansion (deflate expands at most 1032:1, so ≤ 17 MB of transient output past the limit).
 */
const INPUT_PIECE = 16 * 1024;

function inflateRaw(data: Uint8Array, expectedLength: number): Uint8Array {
  const out = new Uint8Array(expectedLength);
  let written = 0;
  const inflater = new Inflate((chunk) => {
    if (chunk.length > expectedLength - written) {
      throw new CodecError(CodecErrorCode.SIZE_MISMATCH, 'body inflates past its declared length');
    }
    out.set(chunk, written);
    written += chunk.length;
  });
  try {
    let offset = 0;
    do {
      const end = Math.min(data.length, offset + INPUT_PIECE);
      inflater.push(data.subarray(offset, end), end === data.length);
      offset = end;
    } while (offset < data.length);
  } catch (error) {
    if (error instanceof CodecError) throw error;
    throw new CodecError(CodecErrorCode.INFLATE_FAILED, 'body is not a valid deflate stream', { cause: error });
  }
  if (written !== expectedLength) {
    throw new CodecError(CodecErrorCode.SIZE_MISMATCH, `body inflates to ${written} bytes, not ${expectedLength}`);
  }
  return out;
}

/** Deflate backend for browsers: `fflate` (pure JavaScript), inflating piecewise to stop early on bombs. */
export const deflateBackend: DeflateBackend = Object.freeze({
  name: 'fflate',
  deflateRaw(data: Uint8Array, level: number): Uint8Array {
    return deflateSync(data, { level: Math.max(0, Math.min(9, Math.round(level))) as DeflateLevel });
  },
  inflateRaw,
});
