/**
 * Stable error codes of `@fernhilfe/codec`. A code keeps its meaning forever; callers
 * and tests match on `code`, never on message text.
 */
export const CodecErrorCode = {
  /** An argument given by the caller is outside what the API accepts. */
  INVALID_ARGUMENT: 'CODEC_INVALID_ARGUMENT',
  /** The update ends before a field or payload it declares. */
  TRUNCATED: 'CODEC_TRUNCATED',
  /** The update header is malformed: wrong magic, unknown flags, zero or changed frame size. */
  BAD_HEADER: 'CODEC_BAD_HEADER',
  /** The update was written by a format version this decoder does not speak. */
  UNSUPPORTED_VERSION: 'CODEC_UNSUPPORTED_VERSION',
  /** An operation is malformed: unknown type, bad palette size, bad run, misplaced copy, trailing bytes. */
  BAD_OP: 'CODEC_BAD_OP',
  /** An operation's rectangle or copy source lies (partly) outside the frame. */
  OUT_OF_BOUNDS: 'CODEC_TILE_OUT_OF_BOUNDS',
  /** The update declares more than a configured limit allows (size, ops, bytes, pixels written). */
  LIMIT_EXCEEDED: 'CODEC_LIMIT_EXCEEDED',
  /** The compressed body is not a valid raw deflate stream. */
  INFLATE_FAILED: 'CODEC_INFLATE_FAILED',
  /** The body inflated to a different length than the header declares. */
  SIZE_MISMATCH: 'CODEC_DECOMPRESSED_SIZE_MISMATCH',
  /** A delta update arrived before any keyframe, or after a failed update (a keyframe is needed). */
  MISSING_KEYFRAME: 'CODEC_MISSING_KEYFRAME',
} as const;

/** One of the stable codes in {@link CodecErrorCode}. */
export type CodecErrorCode = (typeof CodecErrorCode)[keyof typeof CodecErrorCode];

/**
 * Base class of every error `@fernhilfe/codec` throws on purpose.
 *
 * @example
 * ```ts
 * try { decoder.decode(update); } catch (error) {
 *   if (error instanceof CodecError && error.code === CodecErrorCode.TRUNCATED) { … }
 * }
 * ```
 */
export class CodecError extends Error {
  /** Stable, machine-readable code from {@link CodecErrorCode}. */
  readonly code: CodecErrorCode;

  /**
   * @param code - stable code of the failure
   * @param message - human-readable detail for logs (not for matching)
   * @param options - standard `ErrorOptions`, e.g. the underlying `cause`
   */
  constructor(code: CodecErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'CodecError';
    this.code = code;
  }
}
