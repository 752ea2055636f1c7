import { isBytes } from '@noble/hashes/utils.js';
import { allocateFrame } from '#aead';
import { ChannelError, CryptoErrorCode } from './errors';
import { MAX_PLAINTEXT_LENGTH } from './limits';
import { TAG_LENGTH } from './noise/cipher-state';
import { HEADER_LENGTH } from './wire';

/** Bytes a transport frame adds to its plaintext: the 2-byte header before it, the 16-byte tag after it. */
export const SEAL_OVERHEAD = HEADER_LENGTH + TAG_LENGTH;

/**
 * Allocates a zero-filled seal buffer for {@link SecureChannel.sealInPlace}: room for the
 * header, then `plaintextLength` bytes for the plaintext, then room for the tag. Write the
 * plaintext into {@link sealBufferPlaintext} of it; nothing else needs initialising.
 *
 * @param plaintextLength - 0 … {@link MAX_PLAINTEXT_LENGTH}
 * @returns a buffer of `plaintextLength + SEAL_OVERHEAD` bytes that owns its `.buffer`
 * @throws {@link ChannelError} `CRYPTO_MESSAGE_TOO_LARGE` above the limit, `CRYPTO_INVALID_ARGUMENT`
 *   for a length that is not a non-negative integer
 */
export function createSealBuffer(plaintextLength: number): Uint8Array {
  checkPlaintextLength(plaintextLength);
  // Zeroed, unlike `seal`'s internal frames: a caller that writes less than the whole plaintext
  // area must not encrypt stale process memory to the peer.
  return new Uint8Array(plaintextLength + SEAL_OVERHEAD);
}

/**
 * A seal buffer whose every byte the caller overwrites at once (`seal` copies the whole
 * plaintext in), so it skips zero-filling where the runtime allows.
 *
 * @throws like {@link createSealBuffer}
 */
export function createOverwrittenSealBuffer(plaintextLength: number): Uint8Array {
  checkPlaintextLength(plaintextLength);
  return allocateFrame(plaintextLength + SEAL_OVERHEAD);
}

/**
 * Throws unless `plaintextLength` fits one frame.
 *
 * @throws {@link ChannelError} `CRYPTO_MESSAGE_TOO_LARGE`, `CRYPTO_INVALID_ARGUMENT`
 */
export function checkPlaintextLength(plaintextLength: number): void {
  if (!Number.isInteger(plaintextLength) || plaintextLength < 0) {
    throw new ChannelError(CryptoErrorCode.INVALID_ARGUMENT, 'plaintextLength must be a non-negative integer');
  }
  if (plaintextLength > MAX_PLAINTEXT_LENGTH) {
    throw new ChannelError(CryptoErrorCode.MESSAGE_TOO_LARGE, 'plaintext over 65 519 bytes; split it into chunks');
  }
}

/**
 * The plaintext area of a seal buffer: a view (not a copy) between header and tag room.
 *
 * @param frame - a buffer from {@link createSealBuffer}, or any buffer laid out the same way
 * @returns `frame.subarray(2, frame.length - 16)`
 * @throws {@link ChannelError} `CRYPTO_INVALID_ARGUMENT` for a non-byte array or one shorter than
 *   {@link SEAL_OVERHEAD}
 */
export function sealBufferPlaintext(frame: Uint8Array): Uint8Array {
  checkSealBuffer(frame);
  return frame.subarray(HEADER_LENGTH, frame.length - TAG_LENGTH);
}

/**
 * Throws unless `frame` is a byte array with room for header and tag.
 *
 * @throws {@link ChannelError} `CRYPTO_INVALID_ARGUMENT`
 */
export function checkSealBuffer(frame: Uint8Array): void {
  if (!isBytes(frame) || frame.length < SEAL_OVERHEAD) {
    throw new ChannelError(CryptoErrorCode.INVALID_ARGUMENT, 'seal buffer must be a Uint8Array of at least 18 bytes');
  }
}
