import type { Win32UiApi } from './user32-ui-api';
import { Layout, SystemParameter } from './win32-constants';
import type { ControlBounds } from './win32-control';

/** Where a window appears on the primary monitor's work area (the screen without the taskbar). */
export type WindowPlacement = 'center' | 'top-right';

/** What {@link placeWindow} needs; lengths in physical pixels. */
export interface PlacementRequest {
  clientWidth: number;
  clientHeight: number;
  style: number;
  exStyle: number;
  placement: WindowPlacement;
  /** Distance from the work area's edges for `top-right`. */
  margin: number;
}

/**
 * The outer bounds of a window with the given client size and styles (`AdjustWindowRectEx`),
 * centred on the primary monitor's work area (`SPI_GETWORKAREA`) or in its top-right corner.
 *
 * @param api - the bound Win32 functions
 * @param request - client size, styles, placement
 * @returns position and size in physical pixels
 */
export function placeWindow(api: Win32UiApi, request: PlacementRequest): ControlBounds {
  const rect = Buffer.alloc(Layout.RECT_SIZE);
  rect.writeInt32LE(request.clientWidth, 8);
  rect.writeInt32LE(request.clientHeight, 12);
  api.AdjustWindowRectEx(rect, request.style, 0, request.exStyle);
  const width = rect.readInt32LE(8) - rect.readInt32LE(0);
  const height = rect.readInt32LE(12) - rect.readInt32LE(4);
  const area = Buffer.alloc(Layout.RECT_SIZE);
  api.SystemParametersInfoW(SystemParameter.GETWORKAREA, 0, area, 0);
  const left = area.readInt32LE(0);
  const top = area.readInt32LE(4);
  const right = area.readInt32LE(8);
  const bottom = area.readInt32LE(12);
  if (request.placement === 'top-right') {
    return { x: right - width - request.margin, y: top + request.margin, width, height };
  }
  return {
    x: left + Math.max(0, Math.round((right - left - width) / 2)),
    y: top + Math.max(0, Math.round((bottom - top - height) / 2)),
    width,
    height,
  };
}
