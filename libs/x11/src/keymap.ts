import type { X11Connection } from './connection';

/**
 * Where a keysym sits on the keyboard: the keycode to press and the shift level
 * (0 plain, 1 Shift, 2 AltGr, 3 AltGr+Shift).
 */
export interface KeyPosition {
  /** X keycode of the key. */
  keycode: number;
  /** Shift level: 0 plain, 1 Shift, 2 AltGr, 3 AltGr+Shift. */
  level: 0 | 1 | 2 | 3;
}

// Core keyboard mapping columns under XKB: group 1 level 1, level 2, group 2 level 1,
// level 2, then group 1 level 3, level 4 (XKB protocol §12.4 "core keyboard mapping").
const columnLevels: ReadonlyArray<readonly [column: number, level: KeyPosition['level']]> = [
  [0, 0],
  [1, 1],
  [4, 2],
  [5, 3],
];

/**
 * The server's keyboard mapping, inverted: keysym → key position. Built from
 * GetKeyboardMapping; when several keys produce a keysym, the lowest level wins, then the
 * lowest keycode.
 */
export class KeyboardMapping {
  readonly #positions = new Map<number, KeyPosition>();
  readonly #alphabetic = new Set<number>();
  /** Keycodes with no keysym at all, usable for temporary bindings. */
  readonly spareKeycodes: readonly number[];
  /** Keysyms per keycode in the server's table. */
  readonly keysymsPerKeycode: number;

  /**
   * @param minKeycode - keycode of the first row
   * @param rows - one row of keysyms per keycode, as GetKeyboardMapping returns them
   */
  constructor(
    readonly minKeycode: number,
    rows: readonly (readonly number[])[],
  ) {
    const spare: number[] = [];
    this.keysymsPerKeycode = rows[0]?.length ?? 0;
    for (const [column, keyLevel] of columnLevels) {
      rows.forEach((row, index) => {
        const keysym = row[column] ?? 0;
        if (keysym !== 0 && !this.#positions.has(keysym)) {
          this.#positions.set(keysym, { keycode: minKeycode + index, level: keyLevel });
        }
      });
    }
    rows.forEach((row, index) => {
      if (isCasePair(row[0] ?? 0, row[1] ?? 0)) this.#alphabetic.add(minKeycode + index);
      // Keycodes below 9 are reserved in Xorg; a spare must be a real, unbound key.
      if (minKeycode + index >= 9 && row.every((keysym) => keysym === 0)) spare.push(minKeycode + index);
    });
    this.spareKeycodes = spare;
  }

  /**
   * Finds a keysym.
   *
   * @param keysym - the keysym to type
   * @returns where it is, or `undefined` if no key produces it
   */
  lookup(keysym: number): KeyPosition | undefined {
    return this.#positions.get(keysym);
  }

  /**
   * Tells whether a key is a letter key, whose two levels are the lower and upper case of
   * one letter: Caps Lock swaps its levels (X11 XKB key type `ALPHABETIC`).
   *
   * @param keycode - the key
   * @returns true for letter keys
   */
  isAlphabetic(keycode: number): boolean {
    return this.#alphabetic.has(keycode);
  }

  /**
   * Records that a keycode now produces a keysym at level 0 (after a ChangeKeyboardMapping).
   *
   * @param keysym - the keysym now bound
   * @param keycode - the key it is bound to
   */
  bind(keysym: number, keycode: number): void {
    this.#positions.set(keysym, { keycode, level: 0 });
  }
}

function characterOf(keysym: number): string | undefined {
  if (keysym >= 0x20 && keysym <= 0xff) return String.fromCodePoint(keysym);
  if (keysym >= 0x01000100 && keysym <= 0x0110ffff) return String.fromCodePoint(keysym - 0x01000000);
  return undefined;
}

function isCasePair(lower: number, upper: number): boolean {
  const l = characterOf(lower);
  const u = characterOf(upper);
  return l !== undefined && u !== undefined && l !== u && l.toUpperCase() === u && u.toLowerCase() === l;
}

/**
 * Reads the keyboard mapping of the server.
 *
 * @param connection - an open connection
 * @returns the inverted mapping
 * @throws {@link X11Error} `X11_REQUEST_FAILED` / `X11_DISPLAY_LOST`
 */
export async function readKeyboardMapping(connection: X11Connection): Promise<KeyboardMapping> {
  const { min_keycode: min, max_keycode: max } = connection.display;
  const rows = await connection.request<number[][]>('GetKeyboardMapping', (callback) =>
    connection.client.GetKeyboardMapping(min, max - min + 1, callback),
  );
  return new KeyboardMapping(min, rows);
}
