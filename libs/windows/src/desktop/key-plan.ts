import type { KeyPress } from '@fernhilfe/desktop';
import { WindowsError, WindowsErrorCode } from '../errors';
import { MODIFIER_KEYS, namedVirtualKey, positionalVirtualKey, type VirtualKey } from './virtual-keys';

/** What a key-down turns into. */
export type KeyAction =
  /** Type these UTF-16 code units with `KEYEVENTF_UNICODE` (down and up at once): layout-independent text. */
  | { kind: 'type'; units: number[] }
  /** Press this virtual key and hold it until the key-up with the same `code`. */
  | { kind: 'press'; key: VirtualKey; modifier: boolean };

/**
 * Finds the virtual key that produces a character on the customer's keyboard layout.
 *
 * @param unit - one UTF-16 code unit
 * @returns the virtual-key code, or `undefined` when the layout has none
 */
export type LayoutLookup = (unit: number) => number | undefined;

const FLAGS = ['shiftKey', 'ctrlKey', 'altKey', 'metaKey'] as const;

/**
 * Checks the shape of a key event from the viewer.
 *
 * @param press - the untrusted event
 * @throws {@link WindowsError} `WINDOWS_INVALID_ARGUMENT` when a field is missing or mistyped
 */
export function checkKeyPress(press: KeyPress): void {
  if (press === null || typeof press !== 'object' || typeof press.code !== 'string' || typeof press.key !== 'string') {
    throw new WindowsError(WindowsErrorCode.INVALID_ARGUMENT, 'key event needs string code and key');
  }
  for (const flag of FLAGS) {
    if (typeof press[flag] !== 'boolean') {
      throw new WindowsError(WindowsErrorCode.INVALID_ARGUMENT, `key event needs a boolean ${flag}`);
    }
  }
}

/** @returns the UTF-16 units of `key` when it is one printable character (a surrogate pair counts as one) */
function printableUnits(key: string): number[] | undefined {
  const point = key.codePointAt(0);
  if (point === undefined || String.fromCodePoint(point).length !== key.length) return undefined;
  if (point < 0x20 || (point >= 0x7f && point < 0xa0)) return undefined;
  const units: number[] = [];
  for (let i = 0; i < key.length; i++) units.push(key.charCodeAt(i));
  return units;
}

/**
 * Decides how to inject a viewer key-down on Windows. Text (no Ctrl/Alt/Meta, or Ctrl+Alt as
 * AltGr gives it) is typed as Unicode, so it arrives whatever the customer's layout. Shortcuts
 * (Ctrl/Alt/Meta with a character) press the key that has the character on the customer's
 * layout, so Ctrl+Z is Z on a German keyboard too. Named keys and modifiers map from `code`.
 *
 * @param press - the viewer's key event
 * @param layout - looks a character up on the customer's layout
 * @returns what to send
 * @throws {@link WindowsError} `WINDOWS_INVALID_ARGUMENT` for a malformed event;
 *   `WINDOWS_KEY_UNMAPPED` when nothing produces the key
 */
export function planKeyDown(press: KeyPress, layout: LayoutLookup): KeyAction {
  checkKeyPress(press);
  const modifier = Object.hasOwn(MODIFIER_KEYS, press.code) ? MODIFIER_KEYS[press.code] : undefined;
  if (modifier !== undefined)
    return { kind: 'press', key: { vk: modifier.vk, extended: modifier.extended }, modifier: true };
  const units = printableUnits(press.key);
  if (units !== undefined) {
    const altGr = press.ctrlKey && press.altKey && !press.metaKey;
    const shortcut = (press.ctrlKey || press.altKey || press.metaKey) && !altGr;
    if (!shortcut) return { kind: 'type', units };
    const vk = units.length === 1 ? layout(units[0] as number) : undefined;
    const key = vk !== undefined ? { vk, extended: false } : positionalVirtualKey(press.code);
    if (key !== undefined) return { kind: 'press', key, modifier: false };
    throw new WindowsError(WindowsErrorCode.KEY_UNMAPPED, `no key for shortcut "${press.key}" (${press.code})`);
  }
  const key = namedVirtualKey(press.code, press.key) ?? positionalVirtualKey(press.code);
  if (key !== undefined) return { kind: 'press', key, modifier: false };
  throw new WindowsError(WindowsErrorCode.KEY_UNMAPPED, `no key for "${press.key}" (${press.code})`);
}
