import { lazyBinding, win32Function } from './library';

/** The bounding rectangle of all monitors, in physical pixels once DPI awareness is declared. */
export interface VirtualScreen {
  /** Left edge; negative when a monitor sits left of the primary one. */
  x: number;
  /** Top edge; negative when a monitor sits above the primary one. */
  y: number;
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
}

// winuser.h GetSystemMetrics indices.
const SM_XVIRTUALSCREEN = 76;
const SM_YVIRTUALSCREEN = 77;
const SM_CXVIRTUALSCREEN = 78;
const SM_CYVIRTUALSCREEN = 79;
const SM_CMONITORS = 80;

const user32 = lazyBinding(() => ({
  GetSystemMetrics: win32Function<(index: number) => number>('user32.dll', 'int __stdcall GetSystemMetrics(int index)'),
}));

/** @returns the virtual screen as Windows reports it now */
export function readVirtualScreen(): VirtualScreen {
  const { GetSystemMetrics } = user32();
  return {
    x: GetSystemMetrics(SM_XVIRTUALSCREEN),
    y: GetSystemMetrics(SM_YVIRTUALSCREEN),
    width: GetSystemMetrics(SM_CXVIRTUALSCREEN),
    height: GetSystemMetrics(SM_CYVIRTUALSCREEN),
  };
}

/** @returns how many monitors make up the desktop (`SM_CMONITORS`) */
export function monitorCount(): number {
  return user32().GetSystemMetrics(SM_CMONITORS);
}

/** Whether two virtual screens have the same origin and size. */
export function sameScreen(a: VirtualScreen, b: VirtualScreen): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}
