import { describe, expect, it } from 'vitest';
import {
  checkDesktopOptions,
  DEFAULT_MAX_CURSOR_SIZE,
  DEFAULT_MAX_SCREEN_PIXELS,
  type WindowsDesktopOptions,
} from '../../src/desktop/desktop-options';

describe('checkDesktopOptions', () => {
  it('fills in the defaults', () => {
    expect(checkDesktopOptions({})).toEqual({
      input: true,
      duplication: true,
      maxScreenPixels: DEFAULT_MAX_SCREEN_PIXELS,
      maxCursorSize: DEFAULT_MAX_CURSOR_SIZE,
      blockCheckIntervalMs: 250,
      blockProbe: undefined,
    });
    expect(checkDesktopOptions({ input: false, maxCursorSize: 64 })).toMatchObject({ input: false, maxCursorSize: 64 });
    expect(checkDesktopOptions({ duplication: false })).toMatchObject({ duplication: false });
  });

  it.each<[string, unknown]>([
    ['not an object', null],
    ['maxCursorSize 0', { maxCursorSize: 0 }],
    ['maxScreenPixels fractional', { maxScreenPixels: 1.5 }],
    ['maxScreenPixels NaN', { maxScreenPixels: Number.NaN }],
    ['blockCheckIntervalMs negative', { blockCheckIntervalMs: -1 }],
    ['input not boolean', { input: 'yes' }],
    ['duplication not boolean', { duplication: 1 }],
  ])('refuses %s with WINDOWS_INVALID_ARGUMENT', (_name, options) => {
    expect(() => checkDesktopOptions(options as WindowsDesktopOptions)).toThrow(
      expect.objectContaining({ name: 'WindowsError', code: 'WINDOWS_INVALID_ARGUMENT' }),
    );
  });
});
