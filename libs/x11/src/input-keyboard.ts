import type { DesktopKeyboard } from '@fernhilfe/desktop';
import type { XEvent, XTestExtension } from 'x11';
import { type CapsLockTracker, createCapsLockTracker } from './caps-lock';
import type { X11Connection } from './connection';
import { X11Error, X11ErrorCode } from './errors';
import { type KeyboardMapping, type KeyPosition, readKeyboardMapping } from './keymap';
import { keysymForKeyEvent, ModifierKeysym, modifierKeysymByCode, type ViewerKeyEvent } from './keysyms';

const shiftKeysyms: ReadonlySet<number> = new Set([ModifierKeysym.Shift_L, ModifierKeysym.Shift_R]);
const level3Keysyms: ReadonlySet<number> = new Set([ModifierKeysym.ISO_Level3_Shift, ModifierKeysym.Mode_switch]);
const modifierKeysyms: ReadonlySet<number> = new Set([
  ...Object.values(modifierKeysymByCode),
  ModifierKeysym.ISO_Level3_Shift,
  ModifierKeysym.Mode_switch,
]);

/** Which `KeyboardEvent` flag says whether a held modifier keysym is still down. */
const flagOfModifier: ReadonlyMap<number, keyof ViewerKeyEvent> = new Map<number, keyof ViewerKeyEvent>([
  [ModifierKeysym.Shift_L, 'shiftKey'],
  [ModifierKeysym.Shift_R, 'shiftKey'],
  [ModifierKeysym.Control_L, 'ctrlKey'],
  [ModifierKeysym.Control_R, 'ctrlKey'],
  [ModifierKeysym.Alt_L, 'altKey'],
  [ModifierKeysym.Alt_R, 'altKey'],
  [ModifierKeysym.Super_L, 'metaKey'],
  [ModifierKeysym.Super_R, 'metaKey'],
]);

const MAPPING_KEYBOARD = 1;

interface HeldKey {
  keycode: number;
  keysym: number;
}

/**
 * Keyboard input through XTEST. Turns the viewer's DOM key events into keysyms, finds
 * them in the server's keyboard mapping and presses the keycodes, adding or lifting Shift
 * and AltGr for just that key press when the character sits on another level than the
 * modifiers held would give. Keysyms the layout lacks are bound to a spare keycode.
 * Remembers the keys it holds (by DOM `code`) so that {@link KeyboardInjector.releaseAll}
 * leaves nothing pressed.
 *
 * Caps Lock: the desktop's lock state is followed (XKB notifications, or a re-read after each key; the
 * injector's own Caps Lock presses are predicted), and letters are typed with Shift inverted
 * while it is on, so `A` stays `A`. {@link KeyboardInjector.releaseAll} undoes the
 * viewer's Caps Lock switching.
 */
export class KeyboardInjector implements DesktopKeyboard {
  readonly #held = new Map<string, HeldKey>();
  readonly #stopListening: () => void;
  #nextSpare = 0;
  /** How often the viewer's Caps Lock presses switched the lock since the last releaseAll. */
  #viewerLockToggles = 0;
  /** Caps Lock key presses that will switch the lock off when released (XKB LockMods). */
  readonly #lockReleasesOff = new Set<string>();

  readonly #connection: X11Connection;
  readonly #xtest: XTestExtension;
  #mapping: KeyboardMapping;
  readonly #capsLock: CapsLockTracker;

  /**
   * Created by {@link openX11Desktop}.
   *
   * @internal
   * @param connection - an open connection
   * @param xtest - the XTEST extension
   * @param mapping - the server's keyboard mapping (refreshed when the server changes it)
   * @param capsLock - follows the desktop's Caps Lock state
   */
  constructor(connection: X11Connection, xtest: XTestExtension, mapping: KeyboardMapping, capsLock: CapsLockTracker) {
    this.#connection = connection;
    this.#xtest = xtest;
    this.#mapping = mapping;
    this.#capsLock = capsLock;
    this.#stopListening = connection.onEvent((event: XEvent) => {
      if (event.name === 'MappingNotify' && event.request === MAPPING_KEYBOARD) void this.#refreshMapping();
    });
  }

  /** Keycodes this injector holds down, ascending. */
  get pressedKeycodes(): number[] {
    return [...this.#held.values()].map((k) => k.keycode).sort((a, b) => a - b);
  }

  /**
   * Presses the key of a viewer key-down event. A repeated key-down of a held key types it
   * again (release, press), as auto-repeat does; for a held modifier it does nothing.
   *
   * @param event - the viewer's `KeyboardEvent` fields
   * @throws {@link X11Error} `X11_KEY_UNMAPPED` when neither the layout nor a spare keycode
   *   can produce the key; `X11_INVALID_ARGUMENT` for malformed events;
   *   `X11_CLOSED` / `X11_DISPLAY_LOST` when the connection is gone
   */
  keyDown(event: ViewerKeyEvent): void {
    checkEvent(event);
    this.#connection.assertOpen();
    this.#releaseModifiersTheViewerLetGo(event);
    const keysym = keysymForKeyEvent(event);
    if (keysym === undefined) {
      throw new X11Error(X11ErrorCode.KEY_UNMAPPED, `no keysym for key "${event.key}" (${event.code})`);
    }
    const position = this.#mapping.lookup(keysym) ?? this.#bindSpare(keysym);
    const previous = this.#held.get(event.code);
    // Browsers repeat key-down while a modifier is held; the modifier simply stays down.
    if (previous?.keycode === position.keycode && modifierKeysyms.has(keysym)) return;
    if (previous !== undefined) {
      this.#held.delete(event.code);
      this.#fake(this.#xtest.KeyRelease, previous.keycode);
    }
    if (keysym === ModifierKeysym.Caps_Lock) this.#predictLockPress(event.code);
    if (modifierKeysyms.has(keysym) || !isCharacter(event.key)) {
      this.#fake(this.#xtest.KeyPress, position.keycode);
    } else {
      this.#pressAtLevel(position);
    }
    this.#held.set(event.code, { keycode: position.keycode, keysym });
    this.#capsLock.afterKeyEvent();
  }

  /**
   * Releases the key a key-down with the same `code` pressed. A key-up for a key this
   * injector does not hold does nothing.
   *
   * @param event - the viewer's `KeyboardEvent` fields (only `code` is used)
   * @throws {@link X11Error} `X11_INVALID_ARGUMENT` for malformed events
   */
  keyUp(event: Pick<ViewerKeyEvent, 'code'>): void {
    if (typeof event?.code !== 'string') {
      throw new X11Error(X11ErrorCode.INVALID_ARGUMENT, 'key event needs a string code');
    }
    const held = this.#held.get(event.code);
    if (held === undefined) return;
    this.#held.delete(event.code);
    if (!this.#connection.isOpen) return;
    this.#fake(this.#xtest.KeyRelease, held.keycode);
    if (this.#lockReleasesOff.delete(event.code)) this.#toggledLock(false);
    this.#capsLock.afterKeyEvent();
  }

  /**
   * Releases every key this injector holds, and undoes the viewer's Caps Lock switching if
   * it left the lock the other way round (a toggle by the customer is kept).
   */
  releaseAll(): void {
    const keys = [...this.#held];
    this.#held.clear();
    if (!this.#connection.isOpen) return;
    for (const [code, key] of keys.reverse()) {
      this.#fake(this.#xtest.KeyRelease, key.keycode);
      if (this.#lockReleasesOff.delete(code)) this.#toggledLock(false);
    }
    const capsKey = this.#mapping.lookup(ModifierKeysym.Caps_Lock);
    if (this.#viewerLockToggles % 2 === 1 && capsKey !== undefined) {
      this.#fake(this.#xtest.KeyPress, capsKey.keycode);
      this.#fake(this.#xtest.KeyRelease, capsKey.keycode);
      this.#capsLock.predict(!this.#capsLock.isOn);
    }
    this.#viewerLockToggles = 0;
    this.#capsLock.afterKeyEvent();
  }

  /** Stops following keyboard mapping and Caps Lock changes. */
  close(): void {
    this.#stopListening();
    this.#capsLock.close();
  }

  #pressAtLevel(position: KeyPosition): void {
    const shiftedLevel = position.level === 1 || position.level === 3;
    const wantShift =
      this.#capsLock.isOn && this.#mapping.isAlphabetic(position.keycode) ? !shiftedLevel : shiftedLevel;
    const wantLevel3 = position.level >= 2;
    const heldShift = this.#heldWith(shiftKeysyms);
    const heldLevel3 = this.#heldWith(level3Keysyms);
    const pressFirst: number[] = [];
    const liftFirst: number[] = [];
    if (wantShift && heldShift.length === 0) pressFirst.push(this.#modifierKeycode(ModifierKeysym.Shift_L));
    if (!wantShift) liftFirst.push(...heldShift);
    if (wantLevel3 && heldLevel3.length === 0) pressFirst.push(this.#modifierKeycode(ModifierKeysym.ISO_Level3_Shift));
    if (!wantLevel3) liftFirst.push(...heldLevel3);
    for (const keycode of liftFirst) this.#fake(this.#xtest.KeyRelease, keycode);
    for (const keycode of pressFirst) this.#fake(this.#xtest.KeyPress, keycode);
    this.#fake(this.#xtest.KeyPress, position.keycode);
    for (const keycode of pressFirst.reverse()) this.#fake(this.#xtest.KeyRelease, keycode);
    for (const keycode of liftFirst) this.#fake(this.#xtest.KeyPress, keycode);
  }

  #heldWith(keysyms: ReadonlySet<number>): number[] {
    return [...this.#held.values()].filter((k) => keysyms.has(k.keysym)).map((k) => k.keycode);
  }

  #modifierKeycode(keysym: number): number {
    const position = this.#mapping.lookup(keysym);
    if (position === undefined) {
      throw new X11Error(
        X11ErrorCode.KEY_UNMAPPED,
        `the keyboard mapping has no key for keysym 0x${keysym.toString(16)}`,
      );
    }
    return position.keycode;
  }

  /** A key-down carries the viewer's modifier flags: a modifier we hold but the viewer no longer does was released unseen (e.g. focus loss). */
  #releaseModifiersTheViewerLetGo(event: ViewerKeyEvent): void {
    for (const [code, key] of [...this.#held]) {
      const flag = flagOfModifier.get(key.keysym);
      if (flag === undefined || event[flag] !== false) continue;
      this.#held.delete(code);
      this.#fake(this.#xtest.KeyRelease, key.keycode);
    }
  }

  #predictLockPress(code: string): void {
    // XKB LockMods: a press locks when unlocked; when locked, the release unlocks.
    if (this.#capsLock.isOn) this.#lockReleasesOff.add(code);
    else this.#toggledLock(true);
  }

  #toggledLock(on: boolean): void {
    this.#viewerLockToggles++;
    this.#capsLock.predict(on);
  }

  #bindSpare(keysym: number): KeyPosition {
    const spares = this.#mapping.spareKeycodes;
    const perKeycode = this.#mapping.keysymsPerKeycode;
    if (spares.length === 0 || perKeycode < 2) {
      throw new X11Error(X11ErrorCode.KEY_UNMAPPED, `no key produces keysym 0x${keysym.toString(16)}`);
    }
    const inUse = new Set(this.pressedKeycodes);
    const candidates = spares.filter((keycode) => !inUse.has(keycode));
    const keycode = candidates[this.#nextSpare++ % Math.max(1, candidates.length)];
    if (keycode === undefined) {
      throw new X11Error(X11ErrorCode.KEY_UNMAPPED, `no free keycode to bind keysym 0x${keysym.toString(16)}`);
    }
    const row = new Array<number>(perKeycode).fill(0);
    row[0] = keysym;
    row[1] = keysym;
    this.#connection.client.ChangeKeyboardMapping(keycode, perKeycode, row);
    this.#mapping.bind(keysym, keycode);
    return { keycode, level: 0 };
  }

  async #refreshMapping(): Promise<void> {
    try {
      this.#mapping = await readKeyboardMapping(this.#connection);
    } catch {
      // Keep the old mapping: the connection is closing or the server refused the request.
    }
  }

  #fake(type: number, keycode: number): void {
    this.#xtest.FakeInput(type, keycode, 0, 0, 0, 0);
  }
}

function isCharacter(key: string): boolean {
  return [...key].length === 1;
}

function checkEvent(event: ViewerKeyEvent): void {
  if (
    typeof event?.code !== 'string' ||
    typeof event.key !== 'string' ||
    event.code.length > 64 ||
    event.key.length > 64
  ) {
    throw new X11Error(X11ErrorCode.INVALID_ARGUMENT, 'key event needs string code and key (at most 64 characters)');
  }
}

/**
 * Creates the keyboard injector of a connection, reading the server's keyboard mapping.
 *
 * @param connection - an open connection
 * @param xtest - the XTEST extension
 * @returns the injector
 * @throws {@link X11Error} `X11_REQUEST_FAILED` when the mapping cannot be read
 */
export async function createKeyboardInjector(
  connection: X11Connection,
  xtest: XTestExtension,
): Promise<KeyboardInjector> {
  const mapping = await readKeyboardMapping(connection);
  return new KeyboardInjector(connection, xtest, mapping, await createCapsLockTracker(connection));
}
