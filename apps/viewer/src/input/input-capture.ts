import { createPressedKeys, keyboardEventToRemote } from './key-mapping';
import { clientToRemote, createWheelAccumulator, domButtonsToRemote } from './pointer-mapping';
import type { RemoteKeyInput, RemotePointerInput } from './remote-input';

/** What input capture needs from the viewer. */
export interface InputTarget {
  /** Whether control is granted right now; nothing is forwarded or swallowed otherwise. */
  isControlOn(): boolean;
  /** Remote screen size. */
  remoteSize(): { width: number; height: number };
  sendPointer(input: RemotePointerInput): void;
  sendKey(input: RemoteKeyInput): void;
}

/** Stops capturing; returns after listeners are removed. */
export type DetachInput = () => void;

/**
 * Captures pointer, wheel and keyboard on the screen canvas and forwards them while
 * control is on, mapped to remote pixels through the canvas' current displayed size.
 * Keys still held when focus is lost are released remotely.
 *
 * @param canvas - the screen canvas (made focusable)
 * @param target - control state, remote size and senders
 * @returns a function that removes every listener
 */
export function attachInputCapture(canvas: HTMLCanvasElement, target: InputTarget): DetachInput {
  canvas.tabIndex = 0;
  const wheel = createWheelAccumulator();
  const pressed = createPressedKeys();
  let buttons = 0;
  let last = { x: 0, y: 0 };

  const pointerAt = (event: MouseEvent) => {
    const { width, height } = target.remoteSize();
    return clientToRemote(event.clientX, event.clientY, canvas.getBoundingClientRect(), width, height);
  };

  // Moves are coalesced to one per animation frame; presses, releases and wheel flush the
  // pending move first so the order of events is kept.
  let pendingMove: RemotePointerInput | undefined;
  let moveFrame = 0;
  const flushMove = () => {
    if (moveFrame !== 0) cancelAnimationFrame(moveFrame);
    moveFrame = 0;
    if (pendingMove) target.sendPointer(pendingMove);
    pendingMove = undefined;
  };

  const onPointer = (event: PointerEvent) => {
    if (!target.isControlOn()) return;
    const { width } = target.remoteSize();
    if (width === 0) return;
    if (event.type === 'pointerdown') {
      canvas.focus({ preventScroll: true });
      canvas.setPointerCapture?.(event.pointerId);
    }
    event.preventDefault();
    last = pointerAt(event);
    buttons = domButtonsToRemote(event.buttons);
    const input = { ...last, buttons, wheelX: 0, wheelY: 0 };
    if (event.type === 'pointermove') {
      pendingMove = input;
      if (moveFrame === 0) moveFrame = requestAnimationFrame(flushMove);
      return;
    }
    flushMove();
    target.sendPointer(input);
  };

  const onWheel = (event: WheelEvent) => {
    if (!target.isControlOn()) return;
    event.preventDefault();
    last = pointerAt(event);
    const notches = wheel.add(event.deltaX, event.deltaY, event.deltaMode);
    flushMove();
    if (notches.wheelX !== 0 || notches.wheelY !== 0) target.sendPointer({ ...last, buttons, ...notches });
  };

  const onKey = (event: KeyboardEvent) => {
    if (!target.isControlOn()) return;
    const input = keyboardEventToRemote(event);
    if (!input) return;
    event.preventDefault();
    event.stopPropagation();
    pressed.track(input);
    target.sendKey(input);
  };

  const onBlur = () => {
    flushMove();
    const releases = pressed.releaseAll();
    wheel.reset();
    if (!target.isControlOn()) return;
    for (const release of releases) target.sendKey(release);
    if (buttons !== 0) {
      buttons = 0;
      target.sendPointer({ ...last, buttons, wheelX: 0, wheelY: 0 });
    }
  };

  const onContextMenu = (event: Event) => {
    if (target.isControlOn()) event.preventDefault();
  };

  const listeners: [string, EventListener, AddEventListenerOptions?][] = [
    ['pointermove', onPointer as EventListener],
    ['pointerdown', onPointer as EventListener],
    ['pointerup', onPointer as EventListener],
    ['wheel', onWheel as EventListener, { passive: false }],
    ['keydown', onKey as EventListener],
    ['keyup', onKey as EventListener],
    ['blur', onBlur],
    ['contextmenu', onContextMenu],
  ];
  for (const [type, listener, options] of listeners) canvas.addEventListener(type, listener, options);
  return () => {
    if (moveFrame !== 0) cancelAnimationFrame(moveFrame);
    for (const [type, listener, options] of listeners) canvas.removeEventListener(type, listener, options);
  };
}
