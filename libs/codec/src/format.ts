/**
 * The update wire format, as data. This table is the single source of truth: the encoder and
 * decoder take their numbers from it and `docs/protocol.md` (codec section) is rendered from it
 * (see `format-doc.ts`; a test keeps the two in sync). Numbers are never reused.
 *
 * All integers are little-endian. Colours on the wire are 3 bytes R, G, B.
 */

/** First two bytes of every update: ASCII `F`, `C`. */
export const MAGIC = [0x46, 0x43] as const;

/** Format version written by this encoder and the only one this decoder accepts. */
export const FORMAT_VERSION = 1;

/** Fixed-size update header, in wire order. */
export const HEADER_FIELDS = [
  { name: 'magic', type: 'u8[2]', meaning: '`0x46 0x43` ("FC")' },
  { name: 'version', type: 'u8', meaning: `format version, currently ${FORMAT_VERSION}` },
  { name: 'flags', type: 'u8', meaning: 'bit set of `HEADER_FLAGS`; unknown bits are an error' },
  { name: 'width', type: 'u16', meaning: 'frame width in pixels, ≥ 1' },
  { name: 'height', type: 'u16', meaning: 'frame height in pixels, ≥ 1' },
  { name: 'copyCount', type: 'u16', meaning: 'number of `copy` ops; they come first in the body' },
  { name: 'opCount', type: 'u32', meaning: 'number of ops in the body, copies included' },
  { name: 'bodyLength', type: 'u32', meaning: 'length of the body after inflating' },
] as const;

/** Byte length of the header. */
export const HEADER_LENGTH = 18;

/** Header flag bits. */
export const HEADER_FLAGS = {
  /** The decoder (re)allocates its framebuffer at `width`×`height`; the ops cover the whole frame. */
  keyframe: { bit: 0x01, meaning: 'keyframe: reset the framebuffer to width×height (black), ops repaint all of it' },
  /** The body is one raw deflate stream (RFC 1951); otherwise it is stored as is. */
  deflated: { bit: 0x02, meaning: 'the body is one raw deflate stream (RFC 1951), else stored' },
} as const;

/** Every flag bit this version defines. */
export const KNOWN_FLAG_BITS = HEADER_FLAGS.keyframe.bit | HEADER_FLAGS.deflated.bit;

/** Fields every op starts with, after its `type` byte. */
export const OP_RECT_FIELDS = [
  { name: 'type', type: 'u8', meaning: 'op type from `OPS`' },
  { name: 'x', type: 'u16', meaning: 'left edge of the target rectangle' },
  { name: 'y', type: 'u16', meaning: 'top edge of the target rectangle' },
  { name: 'w', type: 'u16', meaning: 'width, ≥ 1, x + w ≤ frame width' },
  { name: 'h', type: 'u16', meaning: 'height, ≥ 1, y + h ≤ frame height' },
] as const;

/** Byte length of the common op prefix (type and rectangle). */
export const OP_RECT_LENGTH = 9;

/**
 * Op types. `payload` describes what follows the common prefix. Pixels are written in raster
 * order (rows top to bottom, left to right) inside the target rectangle.
 */
export const OPS = {
  solid: { code: 1, payload: 'rgb: u8[3]', meaning: 'fill the rectangle with one colour' },
  raw: { code: 2, payload: 'pixels: u8[3·w·h] (R, G, B per pixel)', meaning: 'literal pixels' },
  palette: {
    code: 3,
    payload: 'n: u8 (2..16), colours: u8[3·n], indices: h rows of ⌈w·bits/8⌉ bytes, bits = 1 (n ≤ 2), 2 (n ≤ 4), 4',
    meaning: 'packed palette indices, most significant bits first, each row starts on a byte',
  },
  paletteRle: {
    code: 4,
    payload: 'n: u8 (1..255), colours: u8[3·n], runs until w·h pixels: index u8 (< n), length − 1: LEB128 (≤ 4 bytes)',
    meaning: 'palette run-length: runs continue across rows and must end exactly at w·h pixels',
  },
  copy: {
    code: 5,
    payload: 'srcX: u16, srcY: u16',
    meaning: 'copy the w×h rectangle at (srcX, srcY) of the frame as it was before this update; all copies come first',
  },
  rawDelta: {
    code: 6,
    payload: 'deltas: u8[3·w·h]',
    meaning: 'pixels as per-channel differences (mod 256) from the pixel to the left (from 0 at each row start)',
  },
  reference: {
    code: 7,
    payload: 'srcX: u16, srcY: u16',
    meaning:
      'copy the w×h rectangle at (srcX, srcY) of the reference picture: the frame as the last keyframe left it (uncovered background)',
  },
} as const;

/** Name of an op type in {@link OPS}. */
export type OpName = keyof typeof OPS;

/** Op type codes, by name. */
export const OP_CODE = {
  solid: OPS.solid.code,
  raw: OPS.raw.code,
  palette: OPS.palette.code,
  paletteRle: OPS.paletteRle.code,
  copy: OPS.copy.code,
  rawDelta: OPS.rawDelta.code,
  reference: OPS.reference.code,
} as const;

/** Largest palette the packed `palette` op allows. */
export const MAX_PACKED_PALETTE = 16;

/** Largest palette the `paletteRle` op allows. */
export const MAX_RLE_PALETTE = 255;

/** Largest number of bytes in one LEB128 run length. */
export const MAX_VARINT_BYTES = 4;
