import type { KeyModifiers, RemoteKeyInput } from './remote-input';

/** A key of a combination, as `KeyboardEvent.code` and `.key`. */
interface ComboKey {
  code: string;
  key: string;
}

const CTRL: ComboKey = { code: 'ControlLeft', key: 'Control' };
const ALT: ComboKey = { code: 'AltLeft', key: 'Alt' };
const SHIFT: ComboKey = { code: 'ShiftLeft', key: 'Shift' };
const SUPER: ComboKey = { code: 'MetaLeft', key: 'Meta' };

/**
 * Key combinations the local browser or OS swallows, offered in a menu. Keys are pressed
 * in this order and released in reverse.
 */
export const KEY_COMBOS = {
  'ctrl-alt-del': [CTRL, ALT, { code: 'Delete', key: 'Delete' }],
  'ctrl-shift-esc': [CTRL, SHIFT, { code: 'Escape', key: 'Escape' }],
  'alt-tab': [ALT, { code: 'Tab', key: 'Tab' }],
  'alt-f4': [ALT, { code: 'F4', key: 'F4' }],
  super: [SUPER],
  'ctrl-esc': [CTRL, { code: 'Escape', key: 'Escape' }],
  'ctrl-w': [CTRL, { code: 'KeyW', key: 'w' }],
  'ctrl-t': [CTRL, { code: 'KeyT', key: 't' }],
  'ctrl-n': [CTRL, { code: 'KeyN', key: 'n' }],
  'print-screen': [{ code: 'PrintScreen', key: 'PrintScreen' }],
} as const satisfies Record<string, readonly ComboKey[]>;

/** Name of one key combination the menu offers; {@link KEY_COMBO_IDS} lists them all. */
export type KeyComboId = keyof typeof KEY_COMBOS;

/** The combination names in menu order. */
export const KEY_COMBO_IDS = Object.keys(KEY_COMBOS) as KeyComboId[];

const MODIFIER_OF: Readonly<Record<string, keyof KeyModifiers>> = {
  ControlLeft: 'ctrl',
  AltLeft: 'alt',
  ShiftLeft: 'shift',
  MetaLeft: 'meta',
};

/**
 * The key events that type a combination: every key down in order, then up in reverse,
 * with the modifier flags as they are after each event.
 *
 * @param id - which combination
 * @returns `2 × keys` events
 */
export function keyComboSequence(id: KeyComboId): RemoteKeyInput[] {
  const keys: readonly ComboKey[] = KEY_COMBOS[id];
  const modifiers: KeyModifiers = { ctrl: false, alt: false, shift: false, meta: false };
  const events: RemoteKeyInput[] = [];
  const emit = (key: ComboKey, down: boolean) => {
    const modifier = MODIFIER_OF[key.code];
    if (modifier) modifiers[modifier] = down;
    events.push({ code: key.code, key: key.key, down, repeat: false, modifiers: { ...modifiers } });
  };
  for (const key of keys) emit(key, true);
  for (const key of [...keys].reverse()) emit(key, false);
  return events;
}
