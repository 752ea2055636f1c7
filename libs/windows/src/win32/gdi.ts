import { lazyBinding, type Win32Handle, win32Function } from './library';

/** `BitBlt` raster operation: copy the source. */
export const SRCCOPY = 0x00cc0020;
/** `BitBlt` flag: include layered (translucent) windows. */
export const CAPTUREBLT = 0x40000000;
/** `CreateDIBSection` / `GetDIBits` usage: the colour table holds RGB values. */
export const DIB_RGB_COLORS = 0;

/** The GDI calls of screen capture and cursor reading. */
export interface Gdi {
  /** The DC of a window; of the whole screen for window 0. */
  GetDC(window: Win32Handle): Win32Handle;
  /** Gives a DC from `GetDC` back. */
  ReleaseDC(window: Win32Handle, dc: Win32Handle): number;
  /** A memory DC to select a bitmap into. */
  CreateCompatibleDC(dc: Win32Handle): Win32Handle;
  /** Frees a memory DC. */
  DeleteDC(dc: Win32Handle): boolean;
  /** A bitmap whose pixels live in memory we can read; `bits[0]` receives their address. */
  CreateDIBSection(
    dc: Win32Handle,
    info: Uint8Array,
    usage: number,
    bits: [unknown],
    section: Win32Handle,
    offset: number,
  ): Win32Handle;
  /** Selects an object into a DC; returns the one it replaces. */
  SelectObject(dc: Win32Handle, object: Win32Handle): Win32Handle;
  /** Frees a bitmap (or another GDI object). */
  DeleteObject(object: Win32Handle): boolean;
  /** Copies pixels between DCs. */
  BitBlt(
    dst: Win32Handle,
    x: number,
    y: number,
    width: number,
    height: number,
    src: Win32Handle,
    srcX: number,
    srcY: number,
    rop: number,
  ): boolean;
  /** Runs the calls GDI has batched. */
  GdiFlush(): boolean;
  /** Reads a bitmap's pixels in the format `info` describes; returns the rows read. */
  GetDIBits(
    dc: Win32Handle,
    bitmap: Win32Handle,
    start: number,
    lines: number,
    bits: Uint8Array,
    info: Uint8Array,
    usage: number,
  ): number;
  /** Describes a GDI object (a `BITMAP` for a bitmap); returns the bytes written. */
  GetObjectW(object: Win32Handle, size: number, out: Uint8Array): number;
}

/** @returns the GDI functions, bound on first use */
export const gdi = lazyBinding(
  (): Gdi => ({
    GetDC: win32Function('user32.dll', 'intptr_t __stdcall GetDC(intptr_t window)'),
    ReleaseDC: win32Function('user32.dll', 'int __stdcall ReleaseDC(intptr_t window, intptr_t dc)'),
    CreateCompatibleDC: win32Function('gdi32.dll', 'intptr_t __stdcall CreateCompatibleDC(intptr_t dc)'),
    DeleteDC: win32Function('gdi32.dll', 'bool __stdcall DeleteDC(intptr_t dc)'),
    CreateDIBSection: win32Function(
      'gdi32.dll',
      'intptr_t __stdcall CreateDIBSection(intptr_t dc, const uint8_t *info, uint32_t usage, _Out_ void **bits, intptr_t section, uint32_t offset)',
    ),
    SelectObject: win32Function('gdi32.dll', 'intptr_t __stdcall SelectObject(intptr_t dc, intptr_t object)'),
    DeleteObject: win32Function('gdi32.dll', 'bool __stdcall DeleteObject(intptr_t object)'),
    BitBlt: win32Function(
      'gdi32.dll',
      'bool __stdcall BitBlt(intptr_t dst, int x, int y, int cx, int cy, intptr_t src, int x1, int y1, uint32_t rop)',
    ),
    GdiFlush: win32Function('gdi32.dll', 'bool __stdcall GdiFlush()'),
    GetDIBits: win32Function(
      'gdi32.dll',
      'int __stdcall GetDIBits(intptr_t dc, intptr_t bitmap, uint32_t start, uint32_t lines, _Out_ uint8_t *bits, _Inout_ uint8_t *info, uint32_t usage)',
    ),
    GetObjectW: win32Function('gdi32.dll', 'int __stdcall GetObjectW(intptr_t object, int size, _Out_ uint8_t *out)'),
  }),
);
