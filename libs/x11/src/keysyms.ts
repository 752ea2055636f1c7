// Keysym values from X11/keysymdef.h (X Window System Protocol, Appendix A).

/** Keysyms of the modifier keys the keyboard injector manages itself. */
export const ModifierKeysym = {
  Shift_L: 0xffe1,
  Shift_R: 0xffe2,
  Control_L: 0xffe3,
  Control_R: 0xffe4,
  Caps_Lock: 0xffe5,
  Meta_L: 0xffe7,
  Meta_R: 0xffe8,
  Alt_L: 0xffe9,
  Alt_R: 0xffea,
  Super_L: 0xffeb,
  Super_R: 0xffec,
  ISO_Level3_Shift: 0xfe03,
  Mode_switch: 0xff7e,
} as const;

/** DOM `KeyboardEvent.code` of modifier keys → keysym (the side matters, `key` does not tell it). */
export const modifierKeysymByCode: Readonly<Record<string, number>> = {
  ShiftLeft: ModifierKeysym.Shift_L,
  ShiftRight: ModifierKeysym.Shift_R,
  ControlLeft: ModifierKeysym.Control_L,
  ControlRight: ModifierKeysym.Control_R,
  AltLeft: ModifierKeysym.Alt_L,
  AltRight: ModifierKeysym.Alt_R,
  MetaLeft: ModifierKeysym.Super_L,
  MetaRight: ModifierKeysym.Super_R,
  OSLeft: ModifierKeysym.Super_L,
  OSRight: ModifierKeysym.Super_R,
  CapsLock: ModifierKeysym.Caps_Lock,
};

/** DOM `KeyboardEvent.key` names of non-printing keys → keysym. */
export const namedKeysymByKey: Readonly<Record<string, number>> = {
  Backspace: 0xff08,
  Tab: 0xff09,
  Enter: 0xff0d,
  Pause: 0xff13,
  ScrollLock: 0xff14,
  Escape: 0xff1b,
  Home: 0xff50,
  ArrowLeft: 0xff51,
  ArrowUp: 0xff52,
  ArrowRight: 0xff53,
  ArrowDown: 0xff54,
  PageUp: 0xff55,
  PageDown: 0xff56,
  End: 0xff57,
  PrintScreen: 0xff61,
  Insert: 0xff63,
  ContextMenu: 0xff67,
  NumLock: 0xff7f,
  Delete: 0xffff,
  AltGraph: ModifierKeysym.ISO_Level3_Shift,
  F1: 0xffbe,
  F2: 0xffbf,
  F3: 0xffc0,
  F4: 0xffc1,
  F5: 0xffc2,
  F6: 0xffc3,
  F7: 0xffc4,
  F8: 0xffc5,
  F9: 0xffc6,
  F10: 0xffc7,
  F11: 0xffc8,
  F12: 0xffc9,
};

/** DOM `KeyboardEvent.code` → keysym of the US layout, for events whose `key` says nothing (`Dead`, `Unidentified`). */
export const usKeysymByCode: Readonly<Record<string, number>> = (() => {
  const table: Record<string, number> = {
    Space: 0x20,
    Minus: 0x2d,
    Equal: 0x3d,
    BracketLeft: 0x5b,
    BracketRight: 0x5d,
    Backslash: 0x5c,
    Semicolon: 0x3b,
    Quote: 0x27,
    Backquote: 0x60,
    Comma: 0x2c,
    Period: 0x2e,
    Slash: 0x2f,
    IntlBackslash: 0x3c,
    NumpadEnter: 0xff8d,
    NumpadAdd: 0xffab,
    NumpadSubtract: 0xffad,
    NumpadMultiply: 0xffaa,
    NumpadDivide: 0xffaf,
    NumpadDecimal: 0xffae,
  };
  for (let c = 0; c < 26; c++) table[`Key${String.fromCharCode(65 + c)}`] = 0x61 + c;
  for (let d = 0; d < 10; d++) {
    table[`Digit${d}`] = 0x30 + d;
    table[`Numpad${d}`] = 0xffb0 + d;
  }
  return table;
})();

/**
 * Keysym of one character: Latin-1 characters map to themselves, everything else to the
 * Unicode keysym range (`0x01000000 + code point`), as keysymdef.h specifies.
 *
 * @param codePoint - Unicode code point of a printable character
 * @returns the keysym
 */
export function keysymForCodePoint(codePoint: number): number {
  if ((codePoint >= 0x20 && codePoint <= 0x7e) || (codePoint >= 0xa0 && codePoint <= 0xff)) return codePoint;
  return 0x01000000 + codePoint;
}

/** The parts of a DOM `KeyboardEvent` the guest needs to replay a key. */
export interface ViewerKeyEvent {
  /** Physical key, e.g. `KeyA`, `ShiftLeft`, `Enter` (`KeyboardEvent.code`). */
  code: string;
  /** What the key produces on the viewer's layout, e.g. `a`, `A`, `!`, `Enter` (`KeyboardEvent.key`). */
  key: string;
  /** Shift held (`KeyboardEvent.shiftKey`). */
  shiftKey?: boolean;
  /** Control held. */
  ctrlKey?: boolean;
  /** Alt held. */
  altKey?: boolean;
  /** Meta / Super / Windows key held. */
  metaKey?: boolean;
}

/**
 * Chooses the keysym for a viewer key event: modifiers by physical side, named keys by
 * name, printable characters by the character the viewer's layout produced (so the desktop
 * receives the character the agent meant), and the US layout of `code` as the last resort.
 *
 * @param event - the viewer's key event
 * @returns the keysym, or `undefined` when the event names nothing the guest can type
 */
export function keysymForKeyEvent(event: Pick<ViewerKeyEvent, 'code' | 'key'>): number | undefined {
  const { code, key } = event;
  if (key === 'AltGraph') return ModifierKeysym.ISO_Level3_Shift;
  const modifier = own(modifierKeysymByCode, code);
  if (modifier !== undefined) return modifier;
  if (code.startsWith('Numpad') && code !== 'NumpadEnter' && key.length === 1) {
    // Keypad digits and operators reach X as their keypad keysyms, as on a real keyboard.
    const keypad = own(usKeysymByCode, code);
    if (keypad !== undefined) return keypad;
  }
  const named = own(namedKeysymByKey, key);
  if (named !== undefined) return named;
  const chars = [...key];
  if (chars.length === 1) {
    const codePoint = key.codePointAt(0) as number;
    if (codePoint >= 0x20 && codePoint !== 0x7f) return keysymForCodePoint(codePoint);
  }
  return own(usKeysymByCode, code);
}

/** A table lookup that sees only the table's own keys, never `Object.prototype` (`constructor`, …). */
function own(table: Readonly<Record<string, number>>, name: string): number | undefined {
  return Object.hasOwn(table, name) ? table[name] : undefined;
}
