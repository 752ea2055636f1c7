import { RemoteButton } from './remote-input';

/** Where the remote screen is drawn on the page (`getBoundingClientRect()` of the canvas). */
export interface DisplayedRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * Maps a point in page (client) coordinates to a remote pixel through the current
 * scaling, clamped to the screen so a drag that leaves the canvas stays on the edge.
 *
 * @param clientX - `PointerEvent.clientX`
 * @param clientY - `PointerEvent.clientY`
 * @param displayed - the canvas box on the page
 * @param remoteWidth - remote framebuffer width
 * @param remoteHeight - remote framebuffer height
 * @returns remote pixel coordinates, integers in `0 … size-1`
 */
export function clientToRemote(
  clientX: number,
  clientY: number,
  displayed: DisplayedRect,
  remoteWidth: number,
  remoteHeight: number,
): { x: number; y: number } {
  const scaleX = displayed.width > 0 ? remoteWidth / displayed.width : 0;
  const scaleY = displayed.height > 0 ? remoteHeight / displayed.height : 0;
  const x = Math.floor((clientX - displayed.left) * scaleX);
  const y = Math.floor((clientY - displayed.top) * scaleY);
  return { x: clamp(x, 0, remoteWidth - 1), y: clamp(y, 0, remoteHeight - 1) };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), Math.max(min, max));
}

// DOM `MouseEvent.buttons`: 1 primary, 2 secondary, 4 auxiliary, 8 back, 16 forward.
const DOM_TO_REMOTE: readonly (readonly [number, number])[] = [
  [1, RemoteButton.left],
  [2, RemoteButton.right],
  [4, RemoteButton.middle],
  [8, RemoteButton.back],
  [16, RemoteButton.forward],
];

/**
 * @param domButtons - `MouseEvent.buttons`
 * @returns the same buttons as a {@link RemoteButton} mask
 */
export function domButtonsToRemote(domButtons: number): number {
  let remote = 0;
  for (const [dom, bit] of DOM_TO_REMOTE) if (domButtons & dom) remote |= bit;
  return remote;
}

/** `WheelEvent.deltaMode` values. */
export const WheelDeltaMode = { pixel: 0, line: 1, page: 2 } as const;

const UNITS_PER_NOTCH: Readonly<Record<number, number>> = {
  [WheelDeltaMode.pixel]: 100,
  [WheelDeltaMode.line]: 3,
  [WheelDeltaMode.page]: 1,
};

/** Turns wheel deltas into whole notches, carrying the remainder to the next event (touchpads). */
export interface WheelAccumulator {
  /**
   * @param deltaX - `WheelEvent.deltaX`
   * @param deltaY - `WheelEvent.deltaY`
   * @param deltaMode - `WheelEvent.deltaMode`
   * @returns whole notches to send now (may be 0)
   */
  add(deltaX: number, deltaY: number, deltaMode: number): { wheelX: number; wheelY: number };
  reset(): void;
}

/**
 * @returns a fresh accumulator (100 px, 3 lines or 1 page per notch)
 */
export function createWheelAccumulator(): WheelAccumulator {
  let restX = 0;
  let restY = 0;
  return {
    add(deltaX, deltaY, deltaMode) {
      const unit = UNITS_PER_NOTCH[deltaMode] ?? UNITS_PER_NOTCH[WheelDeltaMode.pixel]!;
      restX += deltaX / unit;
      restY += deltaY / unit;
      const wheelX = Math.trunc(restX);
      const wheelY = Math.trunc(restY);
      restX -= wheelX;
      restY -= wheelY;
      return { wheelX, wheelY };
    },
    reset() {
      restX = 0;
      restY = 0;
    },
  };
}
