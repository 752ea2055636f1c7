import { cursorApi } from '../win32/cursor';
import { DIB_RGB_COLORS, gdi } from '../win32/gdi';
import type { Win32Handle } from '../win32/library';
import { BITMAP_SIZE, bitmapInfo, ICONINFO_SIZE, readBitmapSize, readIconInfo } from '../win32/structs';
import { colorCursorToRgba, maskStride, monochromeCursorToRgba } from './cursor-pixels';

/** A cursor shape read from Windows, before it gets a serial. */
export interface CursorShape {
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
  /** Hotspot column. */
  hotX: number;
  /** Hotspot row. */
  hotY: number;
  /** Straight RGBA. */
  rgba: Uint8Array;
}

function readBits(dc: Win32Handle, bitmap: Win32Handle, width: number, height: number, bitCount: 1 | 32): Uint8Array {
  const rowBytes = bitCount === 1 ? maskStride(width) : width * 4;
  const bits = new Uint8Array(rowBytes * height);
  const lines = gdi().GetDIBits(dc, bitmap, 0, height, bits, bitmapInfo(width, -height, bitCount), DIB_RGB_COLORS);
  return lines === height ? bits : new Uint8Array(0);
}

/**
 * Reads a cursor's image (`GetIconInfo`, then `GetDIBits` of its masks and colour bitmap).
 *
 * @param cursor - the `HCURSOR`
 * @param maxSize - largest width or height read; larger cursors are skipped
 * @returns the shape; `undefined` when it is too large or malformed; `unreadable` when Windows
 *   refuses `GetIconInfo` (wine, for a cursor of another process)
 */
export function readCursorShape(cursor: Win32Handle, maxSize: number): CursorShape | 'unreadable' | undefined {
  const info = new Uint8Array(ICONINFO_SIZE);
  if (!cursorApi().GetIconInfo(cursor, info)) return 'unreadable';
  const icon = readIconInfo(info);
  const api = gdi();
  const dc = api.GetDC(0);
  try {
    const size = new Uint8Array(BITMAP_SIZE);
    if (icon.mask === 0 || api.GetObjectW(icon.mask, BITMAP_SIZE, size) === 0) return undefined;
    const { width, height: maskHeight } = readBitmapSize(size);
    const height = icon.color === 0 ? maskHeight >> 1 : maskHeight;
    if (width <= 0 || height <= 0 || width > maxSize || height > maxSize) return undefined;
    const mask = readBits(dc, icon.mask, width, maskHeight, 1);
    if (mask.length === 0) return undefined;
    let rgba: Uint8Array;
    if (icon.color === 0) {
      rgba = monochromeCursorToRgba(mask, width, height);
    } else {
      const color = readBits(dc, icon.color, width, height, 32);
      if (color.length === 0) return undefined;
      rgba = colorCursorToRgba(color, mask, width, height);
    }
    return { width, height, hotX: Math.min(icon.hotX, width - 1), hotY: Math.min(icon.hotY, height - 1), rgba };
  } finally {
    // GetIconInfo hands us copies of both bitmaps: ours to delete.
    if (icon.mask !== 0) api.DeleteObject(icon.mask);
    if (icon.color !== 0) api.DeleteObject(icon.color);
    api.ReleaseDC(0, dc);
  }
}
