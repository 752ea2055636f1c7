import { ChannelError, CryptoErrorCode } from './errors';
import { MAX_FRAME_LENGTH, MAX_PLAINTEXT_LENGTH } from './limits';
import { checkPlaintextLength, createSealBuffer, SEAL_OVERHEAD } from './seal-buffer';

/** One seal buffer handed out by a {@link SealBufferPool}, and the way to give it back. */
export interface SealBufferLease {
  /** `plaintextLength + 18` bytes: header room ‖ plaintext area ‖ tag room, for `sealInPlace`. */
  readonly frame: Uint8Array;
  /**
   * Gives the buffer back once nothing reads it any more (the transport has written it).
   * Only the first call counts, so passing it to code that may call it twice is safe.
   */
  readonly release: () => void;
}

/** Reuses seal buffers between sends, so a busy sender does not allocate 64 KiB per frame. */
export interface SealBufferPool {
  /**
   * A seal buffer for `plaintextLength` bytes of plaintext: a released one when the pool
   * has one free, else a new one. Frames below the pooling threshold are always new and
   * their release does nothing.
   *
   * @param plaintextLength - 0 … {@link MAX_PLAINTEXT_LENGTH}
   * @throws {@link ChannelError} `CRYPTO_MESSAGE_TOO_LARGE`, `CRYPTO_INVALID_ARGUMENT`
   */
  acquire(plaintextLength: number): SealBufferLease;
  /** Buffers waiting for reuse. */
  readonly free: number;
}

/** Tuning of {@link createSealBufferPool}. */
export interface SealBufferPoolOptions {
  /**
   * Free buffers kept for reuse; each holds {@link MAX_FRAME_LENGTH} bytes.
   * @defaultValue 4
   */
  maxFree?: number;
  /**
   * Plaintexts shorter than this get a fresh, exactly sized buffer instead of a pooled one.
   * @defaultValue 4096
   */
  minPooledLength?: number;
}

const NOTHING_TO_RELEASE = () => {};

/**
 * Creates a pool of seal buffers for {@link SecureChannel.sealInPlace}. Pooled frames are
 * views at the start of a {@link MAX_FRAME_LENGTH}-byte buffer, so unlike `seal`'s frames they
 * do not own their whole `.buffer`; behind the view lie zeros or earlier frames' ciphertext,
 * never other memory. A lease that is never released just leaves its buffer to the garbage
 * collector.
 *
 * @param options - pool size and threshold
 * @returns the pool
 * @throws {@link ChannelError} `CRYPTO_INVALID_ARGUMENT` for options that are not non-negative integers
 */
export function createSealBufferPool(options: SealBufferPoolOptions = {}): SealBufferPool {
  const maxFree = options.maxFree ?? 4;
  const minPooledLength = options.minPooledLength ?? 4096;
  for (const value of [maxFree, minPooledLength]) {
    if (!Number.isInteger(value) || value < 0) {
      throw new ChannelError(CryptoErrorCode.INVALID_ARGUMENT, 'frame pool options must be non-negative integers');
    }
  }
  const free: Uint8Array[] = [];
  return {
    get free() {
      return free.length;
    },
    acquire(plaintextLength) {
      if (plaintextLength < minPooledLength) {
        return { frame: createSealBuffer(plaintextLength), release: NOTHING_TO_RELEASE };
      }
      checkPlaintextLength(plaintextLength);
      const buffer = free.pop() ?? createSealBuffer(MAX_PLAINTEXT_LENGTH);
      let leased = true;
      return {
        frame: buffer.subarray(0, plaintextLength + SEAL_OVERHEAD),
        release: () => {
          if (!leased) return;
          leased = false;
          if (free.length < maxFree) free.push(buffer);
        },
      };
    },
  };
}
