import { isBytes } from '@noble/hashes/utils.js';
import { ChannelError, CryptoErrorCode } from './errors';
import { MAX_PLAINTEXT_LENGTH } from './limits';

/**
 * Splits a payload into pieces of at most `chunkLength` bytes, each small enough for
 * {@link SecureChannel.seal}. The pieces are views of `payload`, not copies; an empty
 * payload gives one empty piece. Marking where a payload ends is the caller's business.
 *
 * @param payload - bytes to split
 * @param chunkLength - largest piece; 1 … {@link MAX_PLAINTEXT_LENGTH}
 * @defaultValue chunkLength = {@link MAX_PLAINTEXT_LENGTH}
 * @returns the pieces in order
 * @throws {@link ChannelError} `CRYPTO_INVALID_ARGUMENT` for a bad payload or length
 */
export function splitIntoChunks(payload: Uint8Array, chunkLength: number = MAX_PLAINTEXT_LENGTH): Uint8Array[] {
  if (!isBytes(payload)) throw new ChannelError(CryptoErrorCode.INVALID_ARGUMENT, 'payload must be a Uint8Array');
  if (!Number.isInteger(chunkLength) || chunkLength < 1 || chunkLength > MAX_PLAINTEXT_LENGTH) {
    throw new ChannelError(CryptoErrorCode.INVALID_ARGUMENT, 'chunkLength must be an integer in 1 … 65 519');
  }
  if (payload.length === 0) return [payload];
  const chunks: Uint8Array[] = [];
  for (let offset = 0; offset < payload.length; offset += chunkLength) {
    chunks.push(payload.subarray(offset, offset + chunkLength));
  }
  return chunks;
}
