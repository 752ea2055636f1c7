import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  clampCoordinate,
  MAX_WHEEL_CLICKS,
  normalizeToVirtualDesk,
  wheelClicks,
} from '../../src/desktop/mouse-normalization';
import { WindowsError } from '../../src/errors';

/** Where Windows puts a normalised coordinate: pixel = n · size / 65536, rounded down. */
const landing = (normalised: number, size: number) => Math.floor((normalised * size) / 65536);

describe('mouse normalisation', () => {
  it('maps the edges of the virtual screen to 0 and 65535', () => {
    expect(normalizeToVirtualDesk(0, 1920)).toBe(0);
    expect(normalizeToVirtualDesk(1919, 1920)).toBe(65535);
    expect(normalizeToVirtualDesk(0, 1)).toBe(0);
  });

  it('lands every pixel on itself for any screen size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 16384 }), fc.double({ min: 0, max: 1, noNaN: true }), (size, at) => {
        const pixel = Math.min(size - 1, Math.floor(at * size));
        const normalised = normalizeToVirtualDesk(pixel, size);
        expect(normalised).toBeGreaterThanOrEqual(0);
        expect(normalised).toBeLessThanOrEqual(65535);
        expect(landing(normalised, size)).toBe(pixel);
      }),
    );
  });

  it('clamps coordinates to the frame and refuses non-finite ones', () => {
    expect(clampCoordinate(-50, 1024, 'x')).toBe(0);
    expect(clampCoordinate(5000, 1024, 'x')).toBe(1023);
    expect(clampCoordinate(10.4, 1024, 'x')).toBe(10);
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, '3' as unknown as number]) {
      expect(() => clampCoordinate(bad, 1024, 'x')).toThrow(WindowsError);
    }
  });

  it('rounds and clamps wheel clicks', () => {
    expect(wheelClicks(2.6, 'deltaY')).toBe(3);
    expect(wheelClicks(-1000, 'deltaY')).toBe(-MAX_WHEEL_CLICKS);
    expect(() => wheelClicks(Number.NaN, 'deltaY')).toThrow(
      expect.objectContaining({ code: 'WINDOWS_INVALID_ARGUMENT' }),
    );
  });
});
