import { describe, expect, it } from 'vitest';
import { createControlTracker, createCursorShapeCache, toKeyMessage } from '../src/connection/call-mapping';

describe('toKeyMessage', () => {
  it('packs modifiers into the protocol bits', () => {
    const message = toKeyMessage({
      code: 'KeyA',
      key: 'A',
      down: true,
      repeat: false,
      modifiers: { ctrl: true, alt: false, shift: true, meta: false },
    });
    expect(message).toEqual({ down: true, modifiers: 1 | 2, code: 'KeyA', key: 'A' });
    const all = toKeyMessage({
      code: 'MetaLeft',
      key: 'Meta',
      down: false,
      repeat: false,
      modifiers: { ctrl: true, alt: true, shift: true, meta: true },
    });
    expect(all.modifiers).toBe(15);
  });
});

describe('cursor shape cache', () => {
  const image = (hotspotX: number) => ({ width: 2, height: 1, hotspotX, hotspotY: 0, rgba: new Uint8Array(8).fill(9) });

  it('sends a shape when it first appears or changes, then positions only', () => {
    const cache = createCursorShapeCache();
    const first = cache.toUpdate({ type: 'cursor', shapeId: 1, x: 5, y: 6, image: image(1) });
    expect(first).toMatchObject({ x: 5, y: 6, visible: true, shape: { width: 2, hotspotX: 1 } });
    expect(cache.toUpdate({ type: 'cursor', shapeId: 1, x: 7, y: 8 })).toEqual({ x: 7, y: 8, visible: true });
    cache.toUpdate({ type: 'cursor', shapeId: 2, x: 0, y: 0, image: image(0) });
    expect(cache.toUpdate({ type: 'cursor', shapeId: 1, x: 1, y: 1 }).shape?.hotspotX).toBe(1);
  });

  it('hides the cursor for an unknown shape and drops the oldest shapes past the limit', () => {
    const cache = createCursorShapeCache(2);
    expect(cache.toUpdate({ type: 'cursor', shapeId: 9, x: 1, y: 1 })).toEqual({ x: 1, y: 1, visible: false });
    for (const id of [1, 2, 3]) cache.toUpdate({ type: 'cursor', shapeId: id, x: 0, y: 0, image: image(0) });
    expect(cache.toUpdate({ type: 'cursor', shapeId: 1, x: 0, y: 0 }).visible).toBe(false);
    expect(cache.toUpdate({ type: 'cursor', shapeId: 3, x: 0, y: 0 }).visible).toBe(true);
  });
});

describe('control tracker', () => {
  it('tells refusal, grant, revocation and the echo of a release apart', () => {
    const control = createControlTracker();
    control.requested();
    expect(control.fromCall(false)).toBe('refused');
    control.requested();
    expect(control.fromCall(true)).toBe('granted');
    expect(control.fromCall(false)).toBe('revoked');
    control.requested();
    expect(control.fromCall(true)).toBe('granted');
    control.released();
    expect(control.fromCall(false)).toBeUndefined();
    expect(control.fromCall(false)).toBeUndefined();
  });
});
