import type { Rect } from '@fernhilfe/desktop';
import type { DesktopRect } from '../win32/dxgi';
import type { VirtualScreen } from '../win32/screen-metrics';

/**
 * Clips a changed rectangle of one monitor's image to that image.
 *
 * @param rect - output-relative, as desktop duplication reports it
 * @param width - the monitor's width
 * @param height - the monitor's height
 * @returns the clipped rectangle, or `undefined` when nothing of it lies on the monitor
 */
export function clipToOutput(rect: DesktopRect, width: number, height: number): DesktopRect | undefined {
  const left = Math.max(0, Math.min(width, rect.left));
  const top = Math.max(0, Math.min(height, rect.top));
  const right = Math.max(left, Math.min(width, rect.right));
  const bottom = Math.max(top, Math.min(height, rect.bottom));
  return right > left && bottom > top ? { left, top, right, bottom } : undefined;
}

/**
 * Where a monitor's pixel (0, 0) lies in the captured frame, whose (0, 0) is the virtual
 * screen's top-left corner.
 *
 * @param monitor - the monitor's place on the desktop
 * @param screen - the virtual screen
 */
export function outputOrigin(monitor: DesktopRect, screen: VirtualScreen): { x: number; y: number } {
  return { x: monitor.left - screen.x, y: monitor.top - screen.y };
}

/**
 * @param rect - a clipped output-relative rectangle
 * @param origin - from {@link outputOrigin}
 * @returns the same area as a frame rectangle
 */
export function toFrameRect(rect: DesktopRect, origin: { x: number; y: number }): Rect {
  return {
    x: origin.x + rect.left,
    y: origin.y + rect.top,
    width: rect.right - rect.left,
    height: rect.bottom - rect.top,
  };
}

/**
 * Whether duplicating these monitors shows the whole virtual screen: they are all the monitors
 * Windows counts (a monitor on another graphics adapter is not among them), each lies inside the
 * virtual screen, and together they reach each of its edges.
 *
 * @param monitors - the duplicated monitors
 * @param monitorCount - how many monitors Windows counts (`SM_CMONITORS`)
 * @param screen - the virtual screen
 */
export function monitorsSpanScreen(
  monitors: readonly DesktopRect[],
  monitorCount: number,
  screen: VirtualScreen,
): boolean {
  if (monitors.length === 0 || monitors.length !== monitorCount) return false;
  const inside = monitors.every(
    (m) =>
      m.left >= screen.x &&
      m.top >= screen.y &&
      m.right <= screen.x + screen.width &&
      m.bottom <= screen.y + screen.height &&
      m.right > m.left &&
      m.bottom > m.top,
  );
  const left = Math.min(...monitors.map((m) => m.left));
  const top = Math.min(...monitors.map((m) => m.top));
  const right = Math.max(...monitors.map((m) => m.right));
  const bottom = Math.max(...monitors.map((m) => m.bottom));
  return (
    inside &&
    left === screen.x &&
    top === screen.y &&
    right === screen.x + screen.width &&
    bottom === screen.y + screen.height
  );
}
