/**
 * Pixel words. Inside the codec a pixel is a "canonical" word `0x00BBGGRR` (R in the low byte),
 * which is also the little-endian RGBA layout the decoder writes (with alpha `0xFF000000`).
 * Byte order of the platform is assumed little-endian (every browser and Node target).
 */

/** A writable RGBA picture seen as little-endian words. */
export interface PixelTarget {
  /** Pixels `0xAABBGGRR`, row-major, `width` per row. */
  pixels: Uint32Array;
  /** Row length in pixels. */
  width: number;
}
