/**
 * The deflate backend contract. `deflate.node.ts` (node:zlib) and `deflate.browser.ts` (fflate) implement it;
 * package `imports` (`#deflate`) picks one per environment. Both speak raw deflate (RFC 1951) so
 * either side's output inflates with the other.
 */
export interface DeflateBackend {
  /** Name for diagnostics and benchmarks. */
  readonly name: string;
  /** Compresses `data` as one raw deflate stream at `level` (0–9). */
  deflateRaw(data: Uint8Array, level: number): Uint8Array;
  /**
   * Inflates a raw deflate stream that must produce exactly `expectedLength` bytes; never allocates more.
   * @throws CodecError `CODEC_INFLATE_FAILED` for a corrupt stream, `CODEC_DECOMPRESSED_SIZE_MISMATCH` for another length
   */
  inflateRaw(data: Uint8Array, expectedLength: number): Uint8Array;
}
