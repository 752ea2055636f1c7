import type { KeyPress } from '@fernhilfe/desktop';

const NO_MODIFIERS = { shiftKey: false, ctrlKey: false, altKey: false, metaKey: false };

/**
 * A viewer key event for tests.
 *
 * @param code - DOM `code`
 * @param key - DOM `key`
 * @param extra - modifier flags held
 */
export function press(code: string, key: string, extra: Partial<KeyPress> = {}): KeyPress {
  return { code, key, ...NO_MODIFIERS, ...extra };
}
