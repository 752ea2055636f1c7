// Byte layouts of the few Win32 structs the desktop reads or writes (x64, little-endian).

/** Size of `BITMAPINFOHEADER`. */
export const BITMAPINFOHEADER_SIZE = 40;
/** `BI_RGB`: uncompressed bitmap. */
const BI_RGB = 0;

/**
 * A `BITMAPINFO` (header plus room for a two-entry colour table, which 1-bpp reads fill in).
 *
 * @param width - pixels
 * @param height - pixels; a negative height asks for a top-down bitmap
 * @param bitCount - 1 or 32
 * @returns the bytes to pass to `CreateDIBSection` / `GetDIBits`
 */
export function bitmapInfo(width: number, height: number, bitCount: 1 | 32): Uint8Array {
  const bytes = new Uint8Array(BITMAPINFOHEADER_SIZE + 2 * 4);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, BITMAPINFOHEADER_SIZE, true);
  view.setInt32(4, width, true);
  view.setInt32(8, height, true);
  view.setUint16(12, 1, true); // biPlanes
  view.setUint16(14, bitCount, true);
  view.setUint32(16, BI_RGB, true);
  return bytes;
}

/** Fields of `CURSORINFO` the desktop uses. */
export interface CursorInfo {
  /** `CURSOR_SHOWING` (1) and `CURSOR_SUPPRESSED` (2) bits. */
  flags: number;
  /** The cursor shown, 0 when none. */
  cursor: number;
  /** Position in virtual-screen coordinates. */
  x: number;
  /** Position in virtual-screen coordinates. */
  y: number;
}

/** Size of `CURSORINFO` (its `cbSize`). */
export const CURSORINFO_SIZE = 24;

/** @returns an empty `CURSORINFO` with `cbSize` set, as `GetCursorInfo` requires */
export function cursorInfoBuffer(): Uint8Array {
  const bytes = new Uint8Array(CURSORINFO_SIZE);
  new DataView(bytes.buffer).setUint32(0, CURSORINFO_SIZE, true);
  return bytes;
}

/** @returns the fields of a filled `CURSORINFO` */
export function readCursorInfo(bytes: Uint8Array): CursorInfo {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    flags: view.getUint32(4, true),
    cursor: Number(view.getBigInt64(8, true)),
    x: view.getInt32(16, true),
    y: view.getInt32(20, true),
  };
}

/** Fields of `ICONINFO`. */
export interface IconInfo {
  /** Hotspot column. */
  hotX: number;
  /** Hotspot row. */
  hotY: number;
  /** AND mask (monochrome cursors: AND mask on top of the XOR mask, twice the height). */
  mask: number;
  /** Colour bitmap, 0 for monochrome cursors. */
  color: number;
}

/** Size of `ICONINFO`. */
export const ICONINFO_SIZE = 32;

/** @returns the fields of a filled `ICONINFO` */
export function readIconInfo(bytes: Uint8Array): IconInfo {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    hotX: view.getUint32(4, true),
    hotY: view.getUint32(8, true),
    mask: Number(view.getBigInt64(16, true)),
    color: Number(view.getBigInt64(24, true)),
  };
}

/** Size of `BITMAP` (what `GetObjectW` fills for a bitmap). */
export const BITMAP_SIZE = 32;

/** @returns width and height of a filled `BITMAP` */
export function readBitmapSize(bytes: Uint8Array): { width: number; height: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getInt32(4, true), height: view.getInt32(8, true) };
}

/** @returns the position in a filled `POINT` */
export function readPoint(bytes: Uint8Array): { x: number; y: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { x: view.getInt32(0, true), y: view.getInt32(4, true) };
}
