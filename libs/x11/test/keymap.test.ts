import { describe, expect, it } from 'vitest';
import { KeyboardMapping } from '../src/keymap';

// Rows as Xvfb's default (US, XKB) core mapping has them: 7 keysyms per keycode.
const rows = [
  [0, 0, 0, 0, 0, 0, 0], // 8: reserved
  [0xff1b, 0, 0xff1b, 0, 0, 0, 0], // 9 Escape
  [0x31, 0x21, 0x31, 0x21, 0, 0, 0], // 10: 1 !
  [0x61, 0x41, 0x61, 0x41, 0xe6, 0xc6, 0], // 11: a A, level 3 æ Æ
  [0, 0, 0, 0, 0, 0, 0], // 12: unbound
  [0x21, 0, 0, 0, 0, 0, 0], // 13: a second key producing "!" at level 0
];

describe('KeyboardMapping', () => {
  const mapping = new KeyboardMapping(8, rows);

  it('finds keysyms with their shift level, preferring the lowest level', () => {
    expect(mapping.lookup(0x61)).toEqual({ keycode: 11, level: 0 });
    expect(mapping.lookup(0x41)).toEqual({ keycode: 11, level: 1 });
    expect(mapping.lookup(0xe6)).toEqual({ keycode: 11, level: 2 });
    expect(mapping.lookup(0xc6)).toEqual({ keycode: 11, level: 3 });
    expect(mapping.lookup(0x21)).toEqual({ keycode: 13, level: 0 });
    expect(mapping.lookup(0xff1b)).toEqual({ keycode: 9, level: 0 });
    expect(mapping.lookup(0x20ac)).toBeUndefined();
  });

  it('lists unbound keycodes (never below 9) as spares, and binds keysyms to them', () => {
    expect(mapping.spareKeycodes).toEqual([12]);
    expect(mapping.keysymsPerKeycode).toBe(7);
    mapping.bind(0x10020ac, 12);
    expect(mapping.lookup(0x10020ac)).toEqual({ keycode: 12, level: 0 });
  });
});
