/** A Windows virtual key and whether it needs `KEYEVENTF_EXTENDEDKEY` (keys of the extended block). */
export interface VirtualKey {
  /** Virtual-key code (winuser.h `VK_*`). */
  vk: number;
  /** Sent with the extended flag (arrows, Insert/Delete/Home/End/PgUp/PgDn, right modifiers, …). */
  extended: boolean;
}

const plain = (vk: number): VirtualKey => ({ vk, extended: false });
const extended = (vk: number): VirtualKey => ({ vk, extended: true });

/** Keys that are not characters, by DOM `code`; also looked up by DOM `key` (same names). */
const NAMED_KEYS: Readonly<Record<string, VirtualKey>> = {
  Backspace: plain(0x08),
  Tab: plain(0x09),
  Enter: plain(0x0d),
  NumpadEnter: extended(0x0d),
  Pause: plain(0x13),
  CapsLock: plain(0x14),
  Escape: plain(0x1b),
  PageUp: extended(0x21),
  PageDown: extended(0x22),
  End: extended(0x23),
  Home: extended(0x24),
  ArrowLeft: extended(0x25),
  ArrowUp: extended(0x26),
  ArrowRight: extended(0x27),
  ArrowDown: extended(0x28),
  PrintScreen: extended(0x2c),
  Insert: extended(0x2d),
  Delete: extended(0x2e),
  ContextMenu: extended(0x5d),
  NumLock: extended(0x90),
  ScrollLock: plain(0x91),
  ...Object.fromEntries(Array.from({ length: 24 }, (_, i) => [`F${i + 1}`, plain(0x70 + i)])),
};

/** Modifier keys by DOM `code`, with the `KeyPress` flag that says whether the viewer still holds them. */
export const MODIFIER_KEYS: Readonly<
  Record<string, VirtualKey & { flag: 'shiftKey' | 'ctrlKey' | 'altKey' | 'metaKey' }>
> = {
  ShiftLeft: { vk: 0xa0, extended: false, flag: 'shiftKey' },
  ShiftRight: { vk: 0xa1, extended: false, flag: 'shiftKey' },
  ControlLeft: { vk: 0xa2, extended: false, flag: 'ctrlKey' },
  ControlRight: { vk: 0xa3, extended: true, flag: 'ctrlKey' },
  AltLeft: { vk: 0xa4, extended: false, flag: 'altKey' },
  AltRight: { vk: 0xa5, extended: true, flag: 'altKey' },
  MetaLeft: { vk: 0x5b, extended: true, flag: 'metaKey' },
  MetaRight: { vk: 0x5c, extended: true, flag: 'metaKey' },
};

/** Keys whose virtual key does not depend on the layout, by DOM `code`: letters, digits, numpad. */
const POSITIONAL_KEYS: Readonly<Record<string, VirtualKey>> = {
  ...Object.fromEntries(Array.from({ length: 26 }, (_, i) => [`Key${String.fromCharCode(65 + i)}`, plain(65 + i)])),
  ...Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`Digit${i}`, plain(0x30 + i)])),
  ...Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`Numpad${i}`, plain(0x60 + i)])),
  NumpadMultiply: plain(0x6a),
  NumpadAdd: plain(0x6b),
  NumpadSubtract: plain(0x6d),
  NumpadDecimal: plain(0x6e),
  NumpadDivide: extended(0x6f),
  Space: plain(0x20),
};

/**
 * The virtual key of a named (non-character) or modifier key.
 *
 * @param code - DOM `code`, e.g. `ArrowLeft`, `F5`, `ShiftLeft`
 * @param key - DOM `key`, used when the code is unknown (e.g. `Enter` from a virtual keyboard)
 * @returns the key, or `undefined` when it is no named key
 */
export function namedVirtualKey(code: string, key: string): VirtualKey | undefined {
  return (
    (Object.hasOwn(MODIFIER_KEYS, code) ? MODIFIER_KEYS[code] : undefined) ??
    (Object.hasOwn(NAMED_KEYS, code) ? NAMED_KEYS[code] : undefined) ??
    (Object.hasOwn(NAMED_KEYS, key) ? NAMED_KEYS[key] : undefined)
  );
}

/**
 * The virtual key a physical key has on a US-like layout (letters, digits, numpad, space): the
 * fallback for shortcuts whose character the customer's layout lacks.
 *
 * @param code - DOM `code`, e.g. `KeyZ`
 * @returns the key, or `undefined`
 */
export function positionalVirtualKey(code: string): VirtualKey | undefined {
  return Object.hasOwn(POSITIONAL_KEYS, code) ? POSITIONAL_KEYS[code] : undefined;
}
