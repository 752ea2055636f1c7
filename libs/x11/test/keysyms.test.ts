import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keysymForCodePoint, keysymForKeyEvent } from '../src/keysyms';

describe('keysymForKeyEvent', () => {
  it.each([
    [{ code: 'KeyA', key: 'a' }, 0x61],
    [{ code: 'KeyA', key: 'A' }, 0x41],
    [{ code: 'Digit1', key: '!' }, 0x21],
    [{ code: 'Minus', key: '_' }, 0x5f],
    [{ code: 'Space', key: ' ' }, 0x20],
    [{ code: 'Enter', key: 'Enter' }, 0xff0d],
    [{ code: 'NumpadEnter', key: 'Enter' }, 0xff0d],
    [{ code: 'Backspace', key: 'Backspace' }, 0xff08],
    [{ code: 'Tab', key: 'Tab' }, 0xff09],
    [{ code: 'Escape', key: 'Escape' }, 0xff1b],
    [{ code: 'ArrowLeft', key: 'ArrowLeft' }, 0xff51],
    [{ code: 'ArrowUp', key: 'ArrowUp' }, 0xff52],
    [{ code: 'ArrowRight', key: 'ArrowRight' }, 0xff53],
    [{ code: 'ArrowDown', key: 'ArrowDown' }, 0xff54],
    [{ code: 'Home', key: 'Home' }, 0xff50],
    [{ code: 'End', key: 'End' }, 0xff57],
    [{ code: 'PageUp', key: 'PageUp' }, 0xff55],
    [{ code: 'PageDown', key: 'PageDown' }, 0xff56],
    [{ code: 'Delete', key: 'Delete' }, 0xffff],
    [{ code: 'F1', key: 'F1' }, 0xffbe],
    [{ code: 'F12', key: 'F12' }, 0xffc9],
    [{ code: 'ShiftLeft', key: 'Shift' }, 0xffe1],
    [{ code: 'ShiftRight', key: 'Shift' }, 0xffe2],
    [{ code: 'ControlLeft', key: 'Control' }, 0xffe3],
    [{ code: 'ControlRight', key: 'Control' }, 0xffe4],
    [{ code: 'AltLeft', key: 'Alt' }, 0xffe9],
    [{ code: 'AltRight', key: 'AltGraph' }, 0xfe03],
    [{ code: 'MetaLeft', key: 'Meta' }, 0xffeb],
    [{ code: 'CapsLock', key: 'CapsLock' }, 0xffe5],
    [{ code: 'Numpad7', key: '7' }, 0xffb7],
    [{ code: 'KeyE', key: '€' }, 0x10020ac],
    [{ code: 'Semicolon', key: 'ö' }, 0xf6],
    [{ code: 'BracketLeft', key: 'Dead' }, 0x5b],
    [{ code: 'KeyQ', key: 'Unidentified' }, 0x71],
  ])('%o → 0x%s', (event, keysym) => {
    expect(keysymForKeyEvent(event)).toBe(keysym);
  });

  it('gives undefined for events that name nothing typeable', () => {
    expect(keysymForKeyEvent({ code: 'Nope', key: 'Unidentified' })).toBeUndefined();
    expect(keysymForKeyEvent({ code: '', key: '\u0007' })).toBeUndefined();
  });

  it('never resolves names inherited from Object.prototype', () => {
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expect(keysymForKeyEvent({ code: name, key: name })).toBeUndefined();
      expect(keysymForKeyEvent({ code: name, key: 'Unidentified' })).toBeUndefined();
    }
  });

  it('maps any printable character to a Latin-1 or Unicode keysym', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }), (char) => {
        const codePoint = char.codePointAt(0) as number;
        if ([...char].length !== 1 || codePoint < 0x20 || codePoint === 0x7f) return;
        const keysym = keysymForKeyEvent({ code: 'KeyA', key: char });
        expect(keysym).toBe(keysymForCodePoint(codePoint));
        expect(keysym === codePoint || keysym === 0x01000000 + codePoint).toBe(true);
      }),
    );
  });
});
