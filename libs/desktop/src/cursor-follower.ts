import type { GuestCall, GuestCursor, CursorImage as WireCursorImage } from '@fernhilfe/call';
import type { CursorImage, Desktop, PointerPosition } from './desktop';

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

async function readCursor(
  desktop: Desktop,
): Promise<{ changedShape: CursorImage | null; position: PointerPosition } | undefined> {
  try {
    return { changedShape: await desktop.takeCursorChange(), position: await desktop.pointerPosition() };
  } catch {
    return undefined;
  }
}

function isActive(call: GuestCall): boolean {
  return call.state === 'active-view' || call.state === 'active-control';
}

/**
 * Follows the desktop's cursor: each shape's image is sent once, under a shape id, and the
 * position on every tick where it moved.
 *
 * The cursor is an extra: when the desktop cannot read it (an X cursor image the server would
 * not give), the tick is skipped rather than the session ended; a lost display ends the session
 * through {@link Desktop.onDisplayLost}. A failure to send into the call is thrown.
 *
 * @param call - the guest call (active)
 * @param desktop - the open desktop
 * @returns the follower
 */
export function createCursorFollower(call: GuestCall, desktop: Desktop): CursorFollower {
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
        const read = await readCursor(desktop);
        if (read === undefined) return;
        const { changedShape, position } = read;
        const image = changedShape === null ? undefined : shapeFor(changedShape);
        const { x, y } = position;
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
