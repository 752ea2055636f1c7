import { describe, expect, it } from 'vitest';
import { WindowsKeyboard } from '../../src/desktop/keyboard';
import { WindowsPointer } from '../../src/desktop/pointer';
import { type InputRecord, KeyFlag, MouseFlag } from '../../src/win32/send-input';
import { press } from '../support/key-press';

function recorder() {
  const sent: InputRecord[] = [];
  return { sent, send: (records: readonly InputRecord[]) => void sent.push(...records) };
}

const keyEvents = (records: InputRecord[]) =>
  records.map((r) => (r.kind === 'key' ? `${r.flags & KeyFlag.KEYUP ? 'up' : 'down'}:${r.vk || r.scan}` : 'mouse'));

describe('WindowsPointer', () => {
  it('moves absolutely over the virtual desktop, clamped', () => {
    const { sent, send } = recorder();
    const pointer = new WindowsPointer(send, () => ({ width: 1025, height: 769 }));
    pointer.move(512, 5000);
    expect(sent).toEqual([
      {
        kind: 'mouse',
        dx: 32768,
        dy: 65535,
        data: 0,
        flags: MouseFlag.MOVE | MouseFlag.ABSOLUTE | MouseFlag.VIRTUALDESK,
      },
    ]);
  });

  it('holds buttons once, scrolls both wheels, and releases everything held', () => {
    const { sent, send } = recorder();
    const pointer = new WindowsPointer(send, () => ({ width: 100, height: 100 }));
    pointer.buttonDown('left');
    pointer.buttonDown('left');
    pointer.buttonDown('right');
    pointer.buttonUp('middle');
    pointer.scroll(1, 2);
    expect(sent.map((r) => r.kind === 'mouse' && [r.flags, r.data])).toEqual([
      [MouseFlag.LEFTDOWN, 0],
      [MouseFlag.RIGHTDOWN, 0],
      [MouseFlag.WHEEL, -240],
      [MouseFlag.HWHEEL, 120],
    ]);
    sent.length = 0;
    pointer.releaseAll();
    expect(sent.map((r) => (r.kind === 'mouse' ? r.flags : 0)).sort((a, b) => a - b)).toEqual([
      MouseFlag.LEFTUP,
      MouseFlag.RIGHTUP,
    ]);
    expect(pointer.heldButtons).toEqual([]);
  });

  it('never throws from releaseAll, even when sending fails', () => {
    const pointer = new WindowsPointer(
      () => {
        throw new Error('closed');
      },
      () => ({ width: 10, height: 10 }),
    );
    expect(() => pointer.buttonDown('left')).toThrow();
    expect(() => pointer.releaseAll()).not.toThrow();
  });
});

describe('WindowsKeyboard', () => {
  it('types text as Unicode down/up pairs without holding anything', () => {
    const { sent, send } = recorder();
    const keyboard = new WindowsKeyboard(send, () => undefined);
    keyboard.keyDown(press('', '😀'));
    expect(keyEvents(sent)).toEqual(['down:55357', 'up:55357', 'down:56832', 'up:56832']);
    expect(sent.every((r) => r.kind === 'key' && (r.flags & KeyFlag.UNICODE) !== 0)).toBe(true);
    expect(keyboard.heldCodes).toEqual([]);
  });

  it('holds virtual keys by code, repeats non-modifiers, and releases in reverse order', () => {
    const { sent, send } = recorder();
    const keyboard = new WindowsKeyboard(send, () => 0x41);
    keyboard.keyDown(press('ControlLeft', 'Control', { ctrlKey: true }));
    keyboard.keyDown(press('ControlLeft', 'Control', { ctrlKey: true }));
    keyboard.keyDown(press('KeyA', 'a', { ctrlKey: true }));
    keyboard.keyDown(press('Delete', 'Delete', { ctrlKey: true }));
    keyboard.keyDown(press('Delete', 'Delete', { ctrlKey: true }));
    expect(keyEvents(sent)).toEqual(['down:162', 'down:65', 'down:46', 'down:46']);
    expect(sent.at(-1)).toMatchObject({ flags: KeyFlag.EXTENDEDKEY });
    sent.length = 0;
    keyboard.keyUp({ code: 'KeyA' });
    keyboard.keyUp({ code: 'KeyA' });
    keyboard.releaseAll();
    expect(keyEvents(sent)).toEqual(['up:65', 'up:46', 'up:162']);
    expect(keyboard.heldCodes).toEqual([]);
  });

  it('lets go of a modifier the viewer no longer reports as held', () => {
    const { sent, send } = recorder();
    const keyboard = new WindowsKeyboard(send, () => undefined);
    keyboard.keyDown(press('ShiftLeft', 'Shift', { shiftKey: true }));
    keyboard.keyDown(press('KeyB', 'b'));
    expect(keyEvents(sent)).toEqual(['down:160', 'up:160', 'down:98', 'up:98']);
  });

  it('refuses a key-up without a code', () => {
    const keyboard = new WindowsKeyboard(recorder().send, () => undefined);
    expect(() => keyboard.keyUp({} as { code: string })).toThrow(
      expect.objectContaining({ code: 'WINDOWS_INVALID_ARGUMENT' }),
    );
  });
});
