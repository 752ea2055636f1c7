import { KEY_MODIFIERS, POINTER_BUTTONS } from '@fernhilfe/call';
import type { X11Desktop } from '@fernhilfe/x11';
import { X11Error, X11ErrorCode } from '@fernhilfe/x11';
import { describe, expect, it } from 'vitest';
import { createInputApplier } from '../../src/node/input-applier';

/** A desktop whose injectors write down what they were asked to do. */
function recordingDesktop() {
  const calls: string[] = [];
  const desktop = {
    pointer: {
      move: (x: number, y: number) => calls.push(`move ${x},${y}`),
      buttonDown: (b: number) => calls.push(`down ${b}`),
      buttonUp: (b: number) => calls.push(`up ${b}`),
      scroll: (dx: number, dy: number) => calls.push(`scroll ${dx},${dy}`),
    },
    keyboard: {
      keyDown: (event: { code: string; key: string; shiftKey?: boolean; ctrlKey?: boolean }) => {
        if (event.code === 'F24') throw new X11Error(X11ErrorCode.KEY_UNMAPPED, 'no');
        calls.push(`keydown ${event.code} ${event.key} shift=${event.shiftKey} ctrl=${event.ctrlKey}`);
      },
      keyUp: (event: { code: string }) => calls.push(`keyup ${event.code}`),
    },
    releaseAll: () => calls.push('release all'),
  };
  return { desktop: desktop as unknown as X11Desktop, calls };
}

const pointer = (x: number, y: number, buttons: number, wheelY = 0) =>
  ({ type: 'pointer', x, y, buttons, wheelX: 0, wheelY }) as const;

describe('input applier', () => {
  it('turns button bit changes into presses and releases, and wheel steps into scrolling', () => {
    const { desktop, calls } = recordingDesktop();
    const applier = createInputApplier(desktop);
    applier.apply(pointer(10, 20, POINTER_BUTTONS.left));
    applier.apply(pointer(15, 25, POINTER_BUTTONS.left | POINTER_BUTTONS.right));
    applier.apply(pointer(15, 25, 0, 3));
    expect(calls).toEqual(['move 10,20', 'down 1', 'move 15,25', 'down 3', 'move 15,25', 'up 1', 'up 3', 'scroll 0,3']);
  });

  it('passes keys with their modifiers and drops keys the desktop cannot produce', () => {
    const { desktop, calls } = recordingDesktop();
    const applier = createInputApplier(desktop);
    applier.apply({ type: 'key', down: true, code: 'KeyA', key: 'A', modifiers: KEY_MODIFIERS.shift });
    applier.apply({ type: 'key', down: false, code: 'KeyA', key: 'A', modifiers: KEY_MODIFIERS.shift });
    applier.apply({ type: 'key', down: true, code: 'F24', key: 'F24', modifiers: KEY_MODIFIERS.control });
    expect(calls).toEqual(['keydown KeyA A shift=true ctrl=false', 'keyup KeyA']);
    expect(applier.dropped).toBe(1);
  });

  it('after releaseAll, a held button counts as released (no stray release later)', () => {
    const { desktop, calls } = recordingDesktop();
    const applier = createInputApplier(desktop);
    applier.apply(pointer(1, 1, POINTER_BUTTONS.left));
    applier.releaseAll();
    applier.apply(pointer(1, 1, POINTER_BUTTONS.left));
    expect(calls).toEqual(['move 1,1', 'down 1', 'release all', 'move 1,1', 'down 1']);
  });

  it('drops everything on a desktop without XTEST', () => {
    const applier = createInputApplier({ releaseAll: () => undefined } as unknown as X11Desktop);
    applier.apply(pointer(1, 1, 0));
    applier.apply({ type: 'key', down: true, code: 'KeyA', key: 'a', modifiers: 0 });
    expect(applier.dropped).toBe(2);
  });
});
