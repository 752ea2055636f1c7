import type { GuestCall, GuestCursor, CursorImage as WireCursorImage } from '@fernhilfe/call';
import type { CursorImage } from '@fernhilfe/desktop';
import type { X11Desktop } from '@fernhilfe/x11';

/** Largest cursor side the support protocol accepts by default (`maxCursorSize`). */
const MAX_WIRE_CURSOR = 256;
const MAX_SHAPE_ID = 0xffff;

/** Sends cursor shape and position changes into a call. */
export interface CursorFollower {
  /** Looks at the cursor once and sends what changed; never runs twice at the same time. */
  tick(): Promise<void>;
}

function toWire(image: CursorImage): WireCursorImage | undefined {
  if (image.width < 1 || image.height < 1 || image.width > MAX_WIRE_CURSOR || image.height > MAX_WIRE_CURSOR) {
    return undefined;
  }
  return {
    width: image.width,
    height: image.height,
    hotspotX: Math.min(image.hotX, image.width - 1),
    hotspotY: Math.min(image.hotY, image.height - 1),
    rgba: image.rgba,
  };
}

function isActive(call: GuestCall): boolean {
  return call.state === 'active-view' || call.state === 'active-control';
}

/**
 * Follows the X cursor: the shape from XFIXES notifications (each shape's image is sent once,
 * under a shape id), the position from QueryPointer on every tick.
 *
 * @param call - the guest call (active)
 * @param desktop - the open desktop
 * @returns the follower
 */
export function createCursorFollower(call: GuestCall, desktop: X11Desktop): CursorFollower {
  const shapeIds = new Map<number, number>();
  let shapeId = 0;
  let lastX = Number.NaN;
  let lastY = Number.NaN;
  let busy = false;

  const shapeFor = (image: CursorImage): GuestCursor['image'] | undefined => {
    const known = shapeIds.get(image.serial);
    if (known !== undefined) {
      shapeId = known;
      return undefined;
    }
    if (shapeIds.size >= MAX_SHAPE_ID) shapeIds.clear();
    shapeId = shapeIds.size + 1;
    shapeIds.set(image.serial, shapeId);
    return toWire(image);
  };

  return {
    async tick() {
      if (busy || !isActive(call)) return;
      busy = true;
      try {
        const changedShape = await desktop.takeCursorChange();
        const image = changedShape === null ? undefined : shapeFor(changedShape);
        const { x, y } = await desktop.pointerPosition();
        if (changedShape === null && x === lastX && y === lastY) return;
        lastX = x;
        lastY = y;
        if (!isActive(call)) return;
        await call.sendCursor(image === undefined ? { shapeId, x, y } : { shapeId, x, y, image });
      } finally {
        busy = false;
      }
    },
  };
}
