import { lazyBinding, win32Function } from './library';

/** `MOUSEEVENTF_*` flags (winuser.h). */
export const MouseFlag = {
  MOVE: 0x0001,
  LEFTDOWN: 0x0002,
  LEFTUP: 0x0004,
  RIGHTDOWN: 0x0008,
  RIGHTUP: 0x0010,
  MIDDLEDOWN: 0x0020,
  MIDDLEUP: 0x0040,
  WHEEL: 0x0800,
  HWHEEL: 0x1000,
  VIRTUALDESK: 0x4000,
  ABSOLUTE: 0x8000,
} as const;

/** `KEYEVENTF_*` flags (winuser.h). */
export const KeyFlag = {
  EXTENDEDKEY: 0x0001,
  KEYUP: 0x0002,
  UNICODE: 0x0004,
} as const;

/** One `INPUT` record for `SendInput`. */
export type InputRecord =
  | {
      /** `INPUT_MOUSE`. */
      kind: 'mouse';
      /** Absolute column 0..65535 (with `ABSOLUTE`), else 0. */
      dx: number;
      /** Absolute row 0..65535 (with `ABSOLUTE`), else 0. */
      dy: number;
      /** Wheel distance (signed, 120 per click), else 0. */
      data: number;
      /** {@link MouseFlag} bits. */
      flags: number;
    }
  | {
      /** `INPUT_KEYBOARD`. */
      kind: 'key';
      /** Virtual-key code, 0 with `UNICODE`. */
      vk: number;
      /** UTF-16 code unit with `UNICODE`, else 0. */
      scan: number;
      /** {@link KeyFlag} bits. */
      flags: number;
    };

/** Size of one `INPUT` on x64: a 4-byte type, padding, then the 32-byte union. */
export const INPUT_SIZE = 40;
const UNION = 8;

/**
 * Lays out `INPUT` records as `SendInput` reads them.
 *
 * @param records - what to send
 * @returns `records.length * INPUT_SIZE` bytes
 */
export function encodeInputs(records: readonly InputRecord[]): Uint8Array {
  const bytes = new Uint8Array(records.length * INPUT_SIZE);
  const view = new DataView(bytes.buffer);
  records.forEach((record, index) => {
    const at = index * INPUT_SIZE;
    if (record.kind === 'mouse') {
      view.setUint32(at, 0, true);
      view.setInt32(at + UNION, record.dx, true);
      view.setInt32(at + UNION + 4, record.dy, true);
      view.setInt32(at + UNION + 8, record.data, true);
      view.setUint32(at + UNION + 12, record.flags, true);
    } else {
      view.setUint32(at, 1, true);
      view.setUint16(at + UNION, record.vk, true);
      view.setUint16(at + UNION + 2, record.scan, true);
      view.setUint32(at + UNION + 4, record.flags, true);
    }
  });
  return bytes;
}

const user32 = lazyBinding(() => ({
  SendInput: win32Function<(count: number, inputs: Uint8Array, size: number) => number>(
    'user32.dll',
    'uint32_t __stdcall SendInput(uint32_t count, const uint8_t *inputs, int size)',
  ),
}));

/**
 * Injects input records into the input stream of the desktop.
 *
 * @param records - what to send (nothing is sent for an empty list)
 * @returns how many records Windows inserted (fewer than given: blocked)
 */
export function sendInputs(records: readonly InputRecord[]): number {
  if (records.length === 0) return 0;
  return user32().SendInput(records.length, encodeInputs(records), INPUT_SIZE);
}
