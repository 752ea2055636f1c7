import { constants, deflateRawSync, inflateRawSync } from 'node:zlib';
import type { DeflateBackend } from './deflate';
import { CodecError, CodecErrorCode } from './errors';

function inflateRaw(data: Uint8Array, expectedLength: number): Uint8Array {
  let out: Buffer;
  try {
    // One byte of headroom tells "too long" apart from "exactly right".
    out = inflateRawSync(data, { maxOutputLength: Math.max(1, expectedLength + 1) });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') {
      throw new CodecError(CodecErrorCode.SIZE_MISMATCH, 'body inflates past its declared length', { cause: error });
    }
    throw new CodecError(CodecErrorCode.INFLATE_FAILED, 'body is not a valid deflate stream', { cause: error });
  }
  if (out.length !== expectedLength) {
    throw new CodecError(CodecErrorCode.SIZE_MISMATCH, `body inflates to ${out.length} bytes, not ${expectedLength}`);
  }
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

/** Deflate backend for Node: `node:zlib`, several times faster than a JavaScript deflate. */
export const deflateBackend: DeflateBackend = Object.freeze({
  name: 'node:zlib',
  deflateRaw(data: Uint8Array, level: number): Uint8Array {
    const out = deflateRawSync(data, { level, strategy: constants.Z_DEFAULT_STRATEGY });
    return new Uint8Array(out.buffer, out.byteOffset, out.length);
  },
  inflateRaw,
});
