import { KEY_MODIFIERS, type KeyMessage, POINTER_BUTTONS, type PointerMessage } from '@fernhilfe/call';
import type { Desktop, PointerButtonName } from './desktop';

/** Viewer button bits → the desktop's buttons. Back/forward have no button in the contract and are dropped. */
const BUTTON_MAP: ReadonlyArray<readonly [bit: number, button: PointerButtonName]> = [
  [POINTER_BUTTONS.left, 'left'],
  [POINTER_BUTTONS.middle, 'middle'],
  [POINTER_BUTTONS.right, 'right'],
];

/** Applies viewer input (already admitted by the permission gate) to the desktop. */
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
 * Creates the applier for a desktop.
 *
 * @param desktop - the open desktop; without pointer or keyboard every such event is dropped
 * @returns the applier
 */
export function createInputApplier(desktop: Desktop): InputApplier {
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
      } catch {
        // The platform layer refused the event (a key its layout cannot produce, a value out of
        // range): the agent's next event may work, and the session goes on.
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
