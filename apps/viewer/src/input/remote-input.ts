import { POINTER_BUTTONS } from '@fernhilfe/call';

/**
 * Remote mouse buttons as a bit mask: the support protocol's `pointer.buttons` bits
 * (`POINTER_BUTTONS` of `@fernhilfe/session`). The guest maps each bit to its platform's button.
 */
export const RemoteButton = POINTER_BUTTONS;

/** State of the remote pointer after one event, in remote framebuffer pixels. */
export interface RemotePointerInput {
  /** Column in remote pixels, `0 … width-1`. */
  x: number;
  /** Row in remote pixels, `0 … height-1`. */
  y: number;
  /** Pressed buttons, a mask of {@link RemoteButton} bits. */
  buttons: number;
  /** Horizontal wheel notches in this event (positive: right). */
  wheelX: number;
  /** Vertical wheel notches in this event (positive: down). */
  wheelY: number;
}

/** Modifier keys held during a key event. */
export interface KeyModifiers {
  ctrl: boolean;
  alt: boolean;
  shift: boolean;
  meta: boolean;
}

/** One key press or release, as the browser reported it. */
export interface RemoteKeyInput {
  /** Physical key, `KeyboardEvent.code` (e.g. `KeyA`, `ControlLeft`). */
  code: string;
  /** Produced value, `KeyboardEvent.key` (e.g. `a`, `Ä`, `Control`). */
  key: string;
  /** `true` for press, `false` for release. */
  down: boolean;
  /** `true` for auto-repeated presses. */
  repeat: boolean;
  /** Modifiers held after this event. */
  modifiers: KeyModifiers;
}
