import type { DesktopPointer, PointerButtonName } from '@fernhilfe/desktop';
import type { XTestExtension } from 'x11';
import type { X11Connection } from './connection';
import { X11Error, X11ErrorCode } from './errors';

/** X pointer buttons: 1 left, 2 middle, 3 right, 4/5 wheel up/down, 6/7 wheel left/right. */
export type PointerButton = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/**
 * Most wheel clicks one {@link PointerInjector.scroll} call sends per axis.
 * @default 20
 */
export const MAX_WHEEL_CLICKS = 20;

/** The X button each named button presses. */
const BUTTON_NUMBER: Readonly<Record<PointerButtonName, PointerButton>> = { left: 1, middle: 2, right: 3 };

function checkButton(button: PointerButtonName | number): PointerButton {
  if (typeof button === 'string' && Object.hasOwn(BUTTON_NUMBER, button)) return BUTTON_NUMBER[button];
  if (typeof button !== 'number' || !Number.isInteger(button) || button < 1 || button > 7) {
    throw new X11Error(
      X11ErrorCode.INVALID_ARGUMENT,
      `pointer button must be left, middle, right or 1..7, got ${String(button)}`,
    );
  }
  return button as PointerButton;
}

function checkCoordinate(value: number, limit: number, name: string): number {
  if (!Number.isFinite(value)) {
    throw new X11Error(X11ErrorCode.INVALID_ARGUMENT, `pointer ${name} must be a finite number`);
  }
  return Math.min(limit - 1, Math.max(0, Math.round(value)));
}

/**
 * Pointer input through XTEST: absolute moves and button presses, as if from a real mouse.
 * Remembers which buttons it holds down so {@link PointerInjector.releaseAll} can let go of
 * them when control ends.
 */
export class PointerInjector implements DesktopPointer {
  readonly #held = new Set<PointerButton>();

  readonly #connection: X11Connection;
  readonly #xtest: XTestExtension;

  /**
   * Created by {@link openX11Desktop}.
   *
   * @internal
   * @param connection - an open connection
   * @param xtest - the XTEST extension
   */
  constructor(connection: X11Connection, xtest: XTestExtension) {
    this.#connection = connection;
    this.#xtest = xtest;
  }

  /** Buttons this injector holds down, ascending. */
  get pressedButtons(): PointerButton[] {
    return [...this.#held].sort((a, b) => a - b);
  }

  /**
   * Moves the pointer to an absolute screen position, clamped to the screen.
   *
   * @param x - column in pixels
   * @param y - row in pixels
   * @throws {@link X11Error} `X11_INVALID_ARGUMENT` for non-finite coordinates;
   *   `X11_CLOSED` / `X11_DISPLAY_LOST` when the connection is gone
   */
  move(x: number, y: number): void {
    const cx = checkCoordinate(x, this.#connection.width, 'x');
    const cy = checkCoordinate(y, this.#connection.height, 'y');
    this.#connection.assertOpen();
    this.#xtest.FakeInput(this.#xtest.MotionNotify, 0, 0, this.#connection.root, cx, cy);
  }

  /**
   * Presses a button. Pressing a button already held does nothing.
   *
   * @param button - `left`, `middle`, `right`, or an X button number 1..7
   * @throws {@link X11Error} `X11_INVALID_ARGUMENT` for anything else
   */
  buttonDown(button: PointerButtonName | PointerButton): void {
    const b = checkButton(button);
    this.#connection.assertOpen();
    if (this.#held.has(b)) return;
    this.#held.add(b);
    this.#xtest.FakeInput(this.#xtest.ButtonPress, b, 0, 0, 0, 0);
  }

  /**
   * Releases a button. Releasing a button this injector does not hold does nothing, so a
   * release that arrives after control was revoked cannot reach the desktop.
   *
   * @param button - `left`, `middle`, `right`, or an X button number 1..7
   * @throws {@link X11Error} `X11_INVALID_ARGUMENT` for anything else
   */
  buttonUp(button: PointerButtonName | PointerButton): void {
    const b = checkButton(button);
    this.#connection.assertOpen();
    if (!this.#held.delete(b)) return;
    this.#xtest.FakeInput(this.#xtest.ButtonRelease, b, 0, 0, 0, 0);
  }

  /**
   * Turns the wheel: each click is a press and release of button 4/5 (vertical) or 6/7
   * (horizontal), as X clients expect.
   *
   * @param deltaX - clicks to the right (negative: left), capped at {@link MAX_WHEEL_CLICKS}
   * @param deltaY - clicks down (negative: up)
   * @throws {@link X11Error} `X11_INVALID_ARGUMENT` for non-integer clicks
   */
  scroll(deltaX: number, deltaY: number): void {
    if (!Number.isInteger(deltaX) || !Number.isInteger(deltaY)) {
      throw new X11Error(X11ErrorCode.INVALID_ARGUMENT, 'wheel clicks must be integers');
    }
    this.#connection.assertOpen();
    this.#clicks(deltaY < 0 ? 4 : 5, Math.min(MAX_WHEEL_CLICKS, Math.abs(deltaY)));
    this.#clicks(deltaX < 0 ? 6 : 7, Math.min(MAX_WHEEL_CLICKS, Math.abs(deltaX)));
  }

  /** Releases every button this injector holds. */
  releaseAll(): void {
    if (!this.#connection.isOpen) {
      this.#held.clear();
      return;
    }
    for (const b of this.pressedButtons) {
      this.#held.delete(b);
      this.#xtest.FakeInput(this.#xtest.ButtonRelease, b, 0, 0, 0, 0);
    }
  }

  #clicks(button: PointerButton, count: number): void {
    for (let i = 0; i < count; i++) {
      this.#xtest.FakeInput(this.#xtest.ButtonPress, button, 0, 0, 0, 0);
      this.#xtest.FakeInput(this.#xtest.ButtonRelease, button, 0, 0, 0, 0);
    }
  }
}
