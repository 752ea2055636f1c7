import fc from 'fast-check';
import type { Rect } from '../../src/index';

/** A change applied to a frame between two encodes. */
export type Edit =
  | { kind: 'fill'; rect: Rect; colour: number }
  | { kind: 'scroll'; rect: Rect; dy: number }
  | { kind: 'move'; rect: Rect; dx: number; dy: number; background: number }
  | { kind: 'noise'; rect: Rect; seed: number };

/** Arbitrary edits inside a `width`×`height` frame. */
export function editArbitrary(width: number, height: number): fc.Arbitrary<Edit> {
  const rect = fc
    .record({
      x: fc.nat(width - 1),
      y: fc.nat(height - 1),
      width: fc.integer({ min: 1, max: width }),
      height: fc.integer({ min: 1, max: height }),
    })
    .map((r) => ({ ...r, width: Math.min(r.width, width - r.x), height: Math.min(r.height, height - r.y) }));
  const colour = fc.nat(0xffffff);
  return fc.oneof(
    fc.record({ kind: fc.constant('fill' as const), rect, colour }),
    fc.record({ kind: fc.constant('scroll' as const), rect, dy: fc.integer({ min: -40, max: 40 }) }),
    fc.record({
      kind: fc.constant('move' as const),
      rect,
      dx: fc.integer({ min: -60, max: 60 }),
      dy: fc.integer({ min: -60, max: 60 }),
      background: colour,
    }),
    fc.record({ kind: fc.constant('noise' as const), rect, seed: fc.nat() }),
  );
}

/** Applies `edit` to BGRX `data` (`width` pixels per row, no padding) and returns the touched area. */
export function applyEdit(data: Uint8Array, width: number, height: number, edit: Edit): Rect {
  const px = new Uint32Array(data.buffer, data.byteOffset, width * height);
  const { x, y, width: w, height: h } = edit.rect;
  switch (edit.kind) {
    case 'fill':
      for (let row = y; row < y + h; row++) px.fill(edit.colour, row * width + x, row * width + x + w);
      return edit.rect;
    case 'noise': {
      let s = edit.seed | 1;
      for (let row = y; row < y + h; row++) {
        for (let col = x; col < x + w; col++) {
          s = (Math.imul(s, 1103515245) + 12345) | 0;
          px[row * width + col] = s >>> 8;
        }
      }
      return edit.rect;
    }
    case 'scroll': {
      const copy = px.slice();
      for (let row = y; row < y + h; row++) {
        const from = row + edit.dy;
        if (from < y || from >= y + h) continue;
        px.set(copy.subarray(from * width + x, from * width + x + w), row * width + x);
      }
      return edit.rect;
    }
    case 'move': {
      const copy = px.slice();
      for (let row = y; row < y + h; row++) px.fill(edit.background, row * width + x, row * width + x + w);
      const tx = Math.max(0, Math.min(width - w, x + edit.dx));
      const ty = Math.max(0, Math.min(height - h, y + edit.dy));
      for (let row = 0; row < h; row++) {
        px.set(copy.subarray((y + row) * width + x, (y + row) * width + x + w), (ty + row) * width + tx);
      }
      const left = Math.min(x, tx);
      const top = Math.min(y, ty);
      return { x: left, y: top, width: Math.max(x, tx) + w - left, height: Math.max(y, ty) + h - top };
    }
  }
}
