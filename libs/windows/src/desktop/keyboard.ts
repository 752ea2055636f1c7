import type { DesktopKeyboard, KeyPress } from '@fernhilfe/desktop';
import { WindowsError, WindowsErrorCode } from '../errors';
import { type InputRecord, KeyFlag } from '../win32/send-input';
import { type LayoutLookup, planKeyDown } from './key-plan';
import type { InputSink } from './pointer';
import { MODIFIER_KEYS, type VirtualKey } from './virtual-keys';

const keyRecord = (key: VirtualKey, up: boolean): InputRecord => ({
  kind: 'key',
  vk: key.vk,
  scan: 0,
  flags: (key.extended ? KeyFlag.EXTENDEDKEY : 0) | (up ? KeyFlag.KEYUP : 0),
});

const unicodeRecords = (units: readonly number[]): InputRecord[] =>
  units.flatMap((unit) => [
    { kind: 'key', vk: 0, scan: unit, flags: KeyFlag.UNICODE } as const,
    { kind: 'key', vk: 0, scan: unit, flags: KeyFlag.UNICODE | KeyFlag.KEYUP } as const,
  ]);

/**
 * Keyboard input through SendInput (see `planKeyDown` for text, shortcuts and named keys).
 * Remembers the keys it holds by DOM `code`, releases modifiers the viewer no longer reports
 * as held, and lets go of everything in {@link WindowsKeyboard.releaseAll}.
 */
export class WindowsKeyboard implements DesktopKeyboard {
  readonly #send: InputSink;
  readonly #layout: LayoutLookup;
  readonly #held = new Map<string, VirtualKey>();

  /**
   * Created by `openWindowsDesktop`.
   *
   * @internal
   * @param send - where the records go
   * @param layout - character → virtual key on the customer's layout
   */
  constructor(send: InputSink, layout: LayoutLookup) {
    this.#send = send;
    this.#layout = layout;
  }

  /** DOM codes of the keys held through this keyboard. */
  get heldCodes(): string[] {
    return [...this.#held.keys()];
  }

  /**
   * Presses a key (or types its character). A repeated key-down of a held key repeats it, as
   * Windows' auto-repeat does; for a held modifier it does nothing.
   *
   * @param press - the viewer's key event
   * @throws {@link WindowsError} `WINDOWS_INVALID_ARGUMENT` for a malformed event;
   *   `WINDOWS_KEY_UNMAPPED` when nothing produces the key
   */
  keyDown(press: KeyPress): void {
    const action = planKeyDown(press, this.#layout);
    this.#releaseModifiersLetGo(press);
    if (action.kind === 'type') {
      this.#send(unicodeRecords(action.units));
      return;
    }
    if (action.modifier && this.#held.has(press.code)) return;
    this.#held.set(press.code, action.key);
    this.#send([keyRecord(action.key, false)]);
  }

  /**
   * Releases the key a key-down with the same `code` pressed; other keys are ignored.
   *
   * @param key - the physical key
   * @throws {@link WindowsError} `WINDOWS_INVALID_ARGUMENT` without a string code
   */
  keyUp(key: Pick<KeyPress, 'code'>): void {
    if (key === null || typeof key !== 'object' || typeof key.code !== 'string') {
      throw new WindowsError(WindowsErrorCode.INVALID_ARGUMENT, 'key event needs a string code');
    }
    const held = this.#held.get(key.code);
    if (held === undefined) return;
    this.#held.delete(key.code);
    this.#send([keyRecord(held, true)]);
  }

  /** Releases every key held through this keyboard, last pressed first. Never throws. */
  releaseAll(): void {
    const held = [...this.#held.values()].reverse();
    this.#held.clear();
    if (held.length === 0) return;
    try {
      this.#send(held.map((key) => keyRecord(key, true)));
    } catch {
      // Releasing is best effort: the session is ending or control was taken back.
    }
  }

  /** A modifier released while the viewer's window had no focus never sends its key-up: trust the flags. */
  #releaseModifiersLetGo(press: KeyPress): void {
    for (const [code, key] of this.#held) {
      const modifier = Object.hasOwn(MODIFIER_KEYS, code) ? MODIFIER_KEYS[code] : undefined;
      if (modifier === undefined || code === press.code || press[modifier.flag]) continue;
      this.#held.delete(code);
      this.#send([keyRecord(key, true)]);
    }
  }
}
