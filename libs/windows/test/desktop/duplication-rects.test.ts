import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clipToOutput, monitorsSpanScreen, outputOrigin, toFrameRect } from '../../src/desktop/duplication-rects';

const rect = (left: number, top: number, right: number, bottom: number) => ({ left, top, right, bottom });

describe('changed rectangles of Desktop Duplication', () => {
  it('clips to the monitor and drops what lies outside or is empty', () => {
    expect(clipToOutput(rect(-5, 10, 20, 30), 100, 50)).toEqual(rect(0, 10, 20, 30));
    expect(clipToOutput(rect(90, 40, 120, 80), 100, 50)).toEqual(rect(90, 40, 100, 50));
    expect(clipToOutput(rect(100, 0, 120, 10), 100, 50)).toBeUndefined();
    expect(clipToOutput(rect(10, 10, 10, 20), 100, 50)).toBeUndefined();
    expect(clipToOutput(rect(30, 20, 10, 5), 100, 50)).toBeUndefined();
  });

  it('any rectangle, however wrong, clips to one inside the monitor or to nothing', () => {
    const coordinate = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
    fc.assert(
      fc.property(coordinate, coordinate, coordinate, coordinate, (left, top, right, bottom) => {
        const clipped = clipToOutput(rect(left, top, right, bottom), 1920, 1080);
        if (clipped === undefined) return;
        expect(clipped.left).toBeGreaterThanOrEqual(0);
        expect(clipped.top).toBeGreaterThanOrEqual(0);
        expect(clipped.right).toBeLessThanOrEqual(1920);
        expect(clipped.bottom).toBeLessThanOrEqual(1080);
        expect(clipped.right).toBeGreaterThan(clipped.left);
        expect(clipped.bottom).toBeGreaterThan(clipped.top);
      }),
      { seed: 4711, numRuns: 500 },
    );
  });

  it('places a monitor left of the primary one at the frame origin', () => {
    // Left monitor 1280×1024 at (-1280, -200), primary 1920×1080 at (0, 0).
    const screen = { x: -1280, y: -200, width: 3200, height: 1280 };
    const left = rect(-1280, -200, 0, 824);
    const primary = rect(0, 0, 1920, 1080);
    expect(outputOrigin(left, screen)).toEqual({ x: 0, y: 0 });
    expect(outputOrigin(primary, screen)).toEqual({ x: 1280, y: 200 });
    expect(toFrameRect(rect(10, 20, 110, 70), outputOrigin(primary, screen))).toEqual({
      x: 1290,
      y: 220,
      width: 100,
      height: 50,
    });
  });

  it('uses duplication only when its monitors are all of the virtual screen', () => {
    const screen = { x: -1280, y: -200, width: 3200, height: 1280 };
    const left = rect(-1280, -200, 0, 824);
    const primary = rect(0, 0, 1920, 1080);
    expect(monitorsSpanScreen([left, primary], 2, screen)).toBe(true);
    // A third monitor on another graphics adapter: Windows counts it, duplication does not see it.
    expect(monitorsSpanScreen([left, primary], 3, screen)).toBe(false);
    // The virtual screen reaches further than the duplicated monitors.
    expect(monitorsSpanScreen([primary], 1, screen)).toBe(false);
    expect(monitorsSpanScreen([], 0, { x: 0, y: 0, width: 0, height: 0 })).toBe(false);
    expect(monitorsSpanScreen([rect(0, 0, 1920, 1200)], 1, { x: 0, y: 0, width: 1920, height: 1080 })).toBe(false);
  });
});
