import { KEY_MODIFIERS, POINTER_BUTTONS } from '@fernhilfe/call';
import { describe, expect, it } from 'vitest';
import { createInputApplier } from '../src/input-applier';
import { createFakeDesktop } from './fake-desktop';

const pointer = (x: number, y: number, buttons: number, wheelY = 0) =>
  ({ type: 'pointer', x, y, buttons, wheelX: 0, wheelY }) as const;

describe('input applier', () => {
  it('turns button bit changes into presses and releases, and wheel steps into scrolling', () => {
    const desktop = createFakeDesktop();
    const { calls } = desktop;
    const applier = createInputApplier(desktop);
    applier.apply(pointer(10, 20, POINTER_BUTTONS.left));
    applier.apply(pointer(15, 25, POINTER_BUTTONS.left | POINTER_BUTTONS.right));
    applier.apply(pointer(15, 25, 0, 3));
    expect(calls).toEqual([
      'move 10,20',
      'down left',
      'move 15,25',
      'down right',
      'move 15,25',
      'up left',
      'up right',
      'scroll 0,3',
    ]);
  });

  it('passes keys with their modifiers and drops keys the desktop cannot produce', () => {
    const desktop = createFakeDesktop();
    const { calls } = desktop;
    const applier = createInputApplier(desktop);
    applier.apply({ type: 'key', down: true, code: 'KeyA', key: 'A', modifiers: KEY_MODIFIERS.shift });
    applier.apply({ type: 'key', down: false, code: 'KeyA', key: 'A', modifiers: KEY_MODIFIERS.shift });
    applier.apply({ type: 'key', down: true, code: 'F24', key: 'F24', modifiers: KEY_MODIFIERS.control });
    expect(calls).toEqual(['keydown KeyA A shift=true ctrl=false', 'keyup KeyA']);
    expect(applier.dropped).toBe(1);
  });

  it('after releaseAll, a held button counts as released (no stray release later)', () => {
    const desktop = createFakeDesktop();
    const { calls } = desktop;
    const applier = createInputApplier(desktop);
    applier.apply(pointer(1, 1, POINTER_BUTTONS.left));
    applier.releaseAll();
    applier.apply(pointer(1, 1, POINTER_BUTTONS.left));
    expect(calls).toEqual(['move 1,1', 'down left', 'release all', 'move 1,1', 'down left']);
  });

  it('drops everything on a desktop that takes no input', () => {
    const applier = createInputApplier(createFakeDesktop({ input: false }));
    applier.apply(pointer(1, 1, 0));
    applier.apply({ type: 'key', down: true, code: 'KeyA', key: 'a', modifiers: 0 });
    expect(applier.dropped).toBe(2);
  });
});
