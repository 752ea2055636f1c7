import { lazyBinding, type Win32Handle, win32Function } from './library';

/** The cursor calls of user32. */
export interface CursorApi {
  /** Fills a `CURSORINFO` (cbSize set): shown or not, handle, position. */
  GetCursorInfo(info: Uint8Array): boolean;
  /** Fills a `POINT` with the pointer position. */
  GetCursorPos(point: Uint8Array): boolean;
  /** Fills an `ICONINFO`: hotspot and copies of the mask and colour bitmaps (ours to delete). */
  GetIconInfo(cursor: Win32Handle, info: Uint8Array): boolean;
  /** A system cursor by resource id (instance 0). */
  LoadCursorW(instance: Win32Handle, id: number): Win32Handle;
}

/** `IDC_ARROW`: the standard arrow cursor's resource id. */
export const IDC_ARROW = 32512;

/** @returns the cursor functions, bound on first use */
export const cursorApi = lazyBinding(
  (): CursorApi => ({
    GetCursorInfo: win32Function('user32.dll', 'bool __stdcall GetCursorInfo(_Inout_ uint8_t *info)'),
    GetCursorPos: win32Function('user32.dll', 'bool __stdcall GetCursorPos(_Out_ uint8_t *point)'),
    GetIconInfo: win32Function('user32.dll', 'bool __stdcall GetIconInfo(intptr_t cursor, _Out_ uint8_t *info)'),
    // The id travels in the pointer argument (MAKEINTRESOURCE).
    LoadCursorW: win32Function('user32.dll', 'intptr_t __stdcall LoadCursorW(intptr_t instance, intptr_t id)'),
  }),
);
