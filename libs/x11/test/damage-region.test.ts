import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DamageRegion } from '../src/damage-region';

const rect = fc.record({
  x: fc.integer({ min: -50, max: 150 }),
  y: fc.integer({ min: -50, max: 150 }),
  width: fc.integer({ min: 0, max: 80 }),
  height: fc.integer({ min: 0, max: 80 }),
});

describe('DamageRegion', () => {
  it('clips to the screen, drops empty and contained rects, and empties on take', () => {
    const region = new DamageRegion(100, 100, 8);
    region.add({ x: -10, y: 90, width: 30, height: 30 });
    region.add({ x: 0, y: 95, width: 5, height: 5 });
    region.add({ x: 10, y: 10, width: 0, height: 5 });
    region.add({ x: 200, y: 10, width: 5, height: 5 });
    expect(region.take()).toEqual([{ x: 0, y: 90, width: 20, height: 10 }]);
    expect(region.take()).toEqual([]);
  });

  it('keeps at most maxRects and always covers every pixel added', () => {
    fc.assert(
      fc.property(fc.array(rect, { maxLength: 60 }), fc.integer({ min: 1, max: 10 }), (rects, maxRects) => {
        const region = new DamageRegion(100, 100, maxRects);
        for (const r of rects) region.add(r);
        const out = region.take();
        expect(out.length).toBeLessThanOrEqual(maxRects);
        for (const r of out) {
          expect(r.x).toBeGreaterThanOrEqual(0);
          expect(r.y).toBeGreaterThanOrEqual(0);
          expect(r.x + r.width).toBeLessThanOrEqual(100);
          expect(r.y + r.height).toBeLessThanOrEqual(100);
        }
        for (const r of rects) {
          for (let y = Math.max(0, r.y); y < Math.min(100, r.y + r.height); y += 7) {
            for (let x = Math.max(0, r.x); x < Math.min(100, r.x + r.width); x += 7) {
              expect(out.some((o) => x >= o.x && y >= o.y && x < o.x + o.width && y < o.y + o.height)).toBe(true);
            }
          }
        }
      }),
    );
  });
});
