import { KEY_MODIFIERS, type KeyMessage, POINTER_BUTTONS, type PointerMessage } from '@fernhilfe/call';
import type { PointerButton, X11Desktop } from '@fernhilfe/x11';
import { X11Error } from '@fernhilfe/x11';

/** Viewer button bits → X pointer buttons. Back/forward have no XTEST button here and are dropped. */
const BUTTON_MAP: ReadonlyArray<readonly [bit: number, button: PointerButton]> = [
  [POINTER_BUTTONS.left, 1],
  [POINTER_BUTTONS.middle, 2],
  [POINTER_BUTTONS.right, 3],
];

/** Applies viewer input (already admitted by the permission gate) to the X desktop. */
export interface InputApplier {
  /**
   * Applies one pointer or key event. A key the desktop cannot produce or a malformed event
   * is dropped and counted, never thrown.
   *
   * @param event - admitted input from the call's `input` event
   */
  apply(event: PointerMessage | KeyMessage): void;
  /** Lets go of every key and button pressed through this applier (control ended). */
  releaseAll(): void;
  /** Events dropped because the desktop could not apply them. */
  readonly dropped: number;
}

/**
 * Creates the applier for a desktop with XTEST.
 *
 * @param desktop - the open desktop; without XTEST every event is dropped
 * @returns the applier
 */
export function createInputApplier(desktop: X11Desktop): InputApplier {
  let buttons = 0;
  let dropped = 0;

  const applyPointer = (event: PointerMessage) => {
    const pointer = desktop.pointer;
    if (pointer === undefined) return void dropped++;
    pointer.move(event.x, event.y);
    for (const [bit, button] of BUTTON_MAP) {
      const now = (event.buttons & bit) !== 0;
      if (now === ((buttons & bit) !== 0)) continue;
      if (now) pointer.buttonDown(button);
      else pointer.buttonUp(button);
    }
    buttons = event.buttons;
    if (event.wheelX !== 0 || event.wheelY !== 0) pointer.scroll(event.wheelX, event.wheelY);
  };

  const applyKey = (event: KeyMessage) => {
    const keyboard = desktop.keyboard;
    if (keyboard === undefined) return void dropped++;
    if (!event.down) return keyboard.keyUp({ code: event.code });
    keyboard.keyDown({
      code: event.code,
      key: event.key,
      shiftKey: (event.modifiers & KEY_MODIFIERS.shift) !== 0,
      ctrlKey: (event.modifiers & KEY_MODIFIERS.control) !== 0,
      altKey: (event.modifiers & KEY_MODIFIERS.alt) !== 0,
      metaKey: (event.modifiers & KEY_MODIFIERS.meta) !== 0,
    });
  };

  return {
    apply(event) {
      try {
        if (event.type === 'pointer') applyPointer(event);
        else applyKey(event);
      } catch (error) {
        if (!(error instanceof X11Error)) throw error;
        dropped++;
      }
    },
    releaseAll() {
      buttons = 0;
      desktop.releaseAll();
    },
    get dropped() {
      return dropped;
    },
  };
}
