import type { DesktopPointer, PointerButtonName } from '@fernhilfe/desktop';
import { WindowsError, WindowsErrorCode } from '../errors';
import { type InputRecord, MouseFlag } from '../win32/send-input';
import { clampCoordinate, normalizeToVirtualDesk, WHEEL_DELTA, wheelClicks } from './mouse-normalization';

/** Sends input records to Windows (SendInput, with the blocked-input check). */
export type InputSink = (records: readonly InputRecord[]) => void;

const BUTTON_FLAGS: Readonly<Record<PointerButtonName, { down: number; up: number }>> = {
  left: { down: MouseFlag.LEFTDOWN, up: MouseFlag.LEFTUP },
  middle: { down: MouseFlag.MIDDLEDOWN, up: MouseFlag.MIDDLEUP },
  right: { down: MouseFlag.RIGHTDOWN, up: MouseFlag.RIGHTUP },
};

const mouse = (flags: number, dx = 0, dy = 0, data = 0): InputRecord => ({ kind: 'mouse', dx, dy, data, flags });

function checkButton(button: PointerButtonName): { down: number; up: number } {
  if (typeof button !== 'string' || !Object.hasOwn(BUTTON_FLAGS, button)) {
    throw new WindowsError(WindowsErrorCode.INVALID_ARGUMENT, `pointer button must be left, middle or right`);
  }
  return BUTTON_FLAGS[button];
}

/**
 * Pointer input through SendInput: absolute moves over the whole virtual screen
 * (`MOUSEEVENTF_VIRTUALDESK`), buttons, and both wheels. Remembers held buttons so that
 * {@link WindowsPointer.releaseAll} lets go of them.
 */
export class WindowsPointer implements DesktopPointer {
  readonly #send: InputSink;
  readonly #size: () => { width: number; height: number };
  readonly #held = new Set<PointerButtonName>();

  /**
   * Created by `openWindowsDesktop`.
   *
   * @internal
   * @param send - where the records go
   * @param size - the current virtual screen size
   */
  constructor(send: InputSink, size: () => { width: number; height: number }) {
    this.#send = send;
    this.#size = size;
  }

  /** Buttons held through this pointer. */
  get heldButtons(): PointerButtonName[] {
    return [...this.#held];
  }

  /**
   * Moves the pointer to a pixel of the frame, clamped to the virtual screen.
   *
   * @param x - column
   * @param y - row
   * @throws {@link WindowsError} `WINDOWS_INVALID_ARGUMENT` for non-finite coordinates
   */
  move(x: number, y: number): void {
    const { width, height } = this.#size();
    const dx = normalizeToVirtualDesk(clampCoordinate(x, width, 'x'), width);
    const dy = normalizeToVirtualDesk(clampCoordinate(y, height, 'y'), height);
    this.#send([mouse(MouseFlag.MOVE | MouseFlag.ABSOLUTE | MouseFlag.VIRTUALDESK, dx, dy)]);
  }

  /**
   * Presses a button at the pointer; pressing a held button does nothing.
   *
   * @param button - which button
   * @throws {@link WindowsError} `WINDOWS_INVALID_ARGUMENT` for an unknown button
   */
  buttonDown(button: PointerButtonName): void {
    const flags = checkButton(button);
    if (this.#held.has(button)) return;
    this.#held.add(button);
    this.#send([mouse(flags.down)]);
  }

  /**
   * Releases a button held through this pointer; others are ignored.
   *
   * @param button - which button
   * @throws {@link WindowsError} `WINDOWS_INVALID_ARGUMENT` for an unknown button
   */
  buttonUp(button: PointerButtonName): void {
    const flags = checkButton(button);
    if (!this.#held.delete(button)) return;
    this.#send([mouse(flags.up)]);
  }

  /**
   * Turns the wheels by whole clicks (120 units each), at most 20 per axis and call.
   *
   * @param deltaX - clicks to the right
   * @param deltaY - clicks down
   * @throws {@link WindowsError} `WINDOWS_INVALID_ARGUMENT` for non-finite values
   */
  scroll(deltaX: number, deltaY: number): void {
    const right = wheelClicks(deltaX, 'deltaX');
    const down = wheelClicks(deltaY, 'deltaY');
    const records: InputRecord[] = [];
    // Windows counts the vertical wheel positive away from the user (up), the horizontal one positive to the right.
    if (down !== 0) records.push(mouse(MouseFlag.WHEEL, 0, 0, -down * WHEEL_DELTA));
    if (right !== 0) records.push(mouse(MouseFlag.HWHEEL, 0, 0, right * WHEEL_DELTA));
    if (records.length > 0) this.#send(records);
  }

  /** Releases every button held through this pointer. Never throws. */
  releaseAll(): void {
    const held = [...this.#held];
    this.#held.clear();
    if (held.length === 0) return;
    try {
      this.#send(held.map((button) => mouse(BUTTON_FLAGS[button].up)));
    } catch {
      // Releasing is best effort: the session is ending or control was taken back.
    }
  }
}
