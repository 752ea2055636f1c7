import { WindowsError, WindowsErrorCode } from '../errors';

/** Most wheel clicks one scroll call sends per axis. @default 20 */
export const MAX_WHEEL_CLICKS = 20;
/** Wheel distance of one click (winuser.h `WHEEL_DELTA`). */
export const WHEEL_DELTA = 120;

/**
 * Checks and clamps a pointer coordinate to the frame.
 *
 * @param value - pixel column or row of the frame
 * @param size - frame width or height
 * @param name - `x` or `y`, for the error
 * @returns the whole pixel, 0..size-1
 * @throws {@link WindowsError} `WINDOWS_INVALID_ARGUMENT` for a non-finite value
 */
export function clampCoordinate(value: number, size: number, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new WindowsError(WindowsErrorCode.INVALID_ARGUMENT, `pointer ${name} must be a finite number`);
  }
  return Math.min(size - 1, Math.max(0, Math.round(value)));
}

/**
 * Maps a pixel of the virtual screen (frame coordinates, 0 at the virtual screen's origin) to
 * `SendInput`'s absolute scale with `MOUSEEVENTF_VIRTUALDESK`: 0..65535 across the virtual screen.
 *
 * @param pixel - 0..size-1
 * @param size - virtual screen width or height
 * @returns the normalised coordinate
 */
export function normalizeToVirtualDesk(pixel: number, size: number): number {
  if (size <= 1) return 0;
  return Math.round((pixel * 65535) / (size - 1));
}

/**
 * Turns wheel clicks into `mouseData`, clamped to {@link MAX_WHEEL_CLICKS}.
 *
 * @param clicks - clicks (fractions are rounded)
 * @param name - `deltaX` or `deltaY`, for the error
 * @returns whole clicks, -MAX..MAX
 * @throws {@link WindowsError} `WINDOWS_INVALID_ARGUMENT` for a non-finite value
 */
export function wheelClicks(clicks: number, name: string): number {
  if (typeof clicks !== 'number' || !Number.isFinite(clicks)) {
    throw new WindowsError(WindowsErrorCode.INVALID_ARGUMENT, `scroll ${name} must be a finite number`);
  }
  return Math.min(MAX_WHEEL_CLICKS, Math.max(-MAX_WHEEL_CLICKS, Math.round(clicks)));
}
