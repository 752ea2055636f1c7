import { WindowsError, WindowsErrorCode } from '../errors';
import type { InputBlockProbe } from './input-blocked';

/** Largest virtual screen captured by default: the codec's limit of 8192 × 8192 pixels. */
export const DEFAULT_MAX_SCREEN_PIXELS = 8192 * 8192;
/** Largest cursor width or height read by default. */
export const DEFAULT_MAX_CURSOR_SIZE = 256;

/** Options of `openWindowsDesktop`. */
export interface WindowsDesktopOptions {
  /** Offer pointer and keyboard injection. @default true */
  input?: boolean;
  /** Largest virtual screen (width × height) to capture. @default {@link DEFAULT_MAX_SCREEN_PIXELS} */
  maxScreenPixels?: number;
  /** Largest cursor width or height to read; larger shapes are not sent. @default {@link DEFAULT_MAX_CURSOR_SIZE} */
  maxCursorSize?: number;
  /**
   * Learn what changed from Desktop Duplication (DXGI, Windows 8 and later) and copy just that;
   * GDI captures the whole screen when it is off or unavailable. @default true
   */
  duplication?: boolean;
  /** Least time between two blocked-input probes, in ms. @default 250 */
  blockCheckIntervalMs?: number;
  /** Replaces the Win32 blocked-input probe (tests). */
  blockProbe?: InputBlockProbe;
}

function checkLimit(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new WindowsError(WindowsErrorCode.INVALID_ARGUMENT, `${name} must be a positive integer`);
  }
  return value;
}

/** Options with their defaults filled in and checked. */
export interface CheckedOptions {
  input: boolean;
  duplication: boolean;
  maxScreenPixels: number;
  maxCursorSize: number;
  blockCheckIntervalMs: number;
  blockProbe: InputBlockProbe | undefined;
}

/**
 * Checks the options of `openWindowsDesktop` before anything touches Windows.
 *
 * @param options - as given
 * @returns the options with defaults
 * @throws {@link WindowsError} `WINDOWS_INVALID_ARGUMENT` for a bad value
 */
export function checkDesktopOptions(options: WindowsDesktopOptions): CheckedOptions {
  if (options === null || typeof options !== 'object') {
    throw new WindowsError(WindowsErrorCode.INVALID_ARGUMENT, 'desktop options must be an object');
  }
  if (options.input !== undefined && typeof options.input !== 'boolean') {
    throw new WindowsError(WindowsErrorCode.INVALID_ARGUMENT, 'input must be a boolean');
  }
  if (options.duplication !== undefined && typeof options.duplication !== 'boolean') {
    throw new WindowsError(WindowsErrorCode.INVALID_ARGUMENT, 'duplication must be a boolean');
  }
  const interval = options.blockCheckIntervalMs ?? 250;
  if (typeof interval !== 'number' || !Number.isFinite(interval) || interval < 0) {
    throw new WindowsError(WindowsErrorCode.INVALID_ARGUMENT, 'blockCheckIntervalMs must be a finite number ≥ 0');
  }
  return {
    input: options.input ?? true,
    duplication: options.duplication ?? true,
    maxScreenPixels: checkLimit(options.maxScreenPixels, DEFAULT_MAX_SCREEN_PIXELS, 'maxScreenPixels'),
    maxCursorSize: checkLimit(options.maxCursorSize, DEFAULT_MAX_CURSOR_SIZE, 'maxCursorSize'),
    blockCheckIntervalMs: interval,
    blockProbe: options.blockProbe,
  };
}
