import { type CursorMessage, KEY_MODIFIERS, type KeyMessage } from '@fernhilfe/call';
import type { RemoteKeyInput } from '../input/remote-input';
import type { CursorShape, CursorUpdate } from '../render/framebuffer';
import type { ControlChange } from './viewer-connection';

/**
 * The session protocol's key message for a key event (modifiers as bits of
 * `KEY_MODIFIERS`; the protocol has no repeat flag, a repeat is another key down).
 *
 * @param input - key event from the viewer
 * @returns the fields of a `key` message
 */
export function toKeyMessage(input: RemoteKeyInput): Omit<KeyMessage, 'type'> {
  const { ctrl, alt, shift, meta } = input.modifiers;
  const modifiers =
    (shift ? KEY_MODIFIERS.shift : 0) |
    (ctrl ? KEY_MODIFIERS.control : 0) |
    (alt ? KEY_MODIFIERS.alt : 0) |
    (meta ? KEY_MODIFIERS.meta : 0);
  return { down: input.down, modifiers, code: input.code, key: input.key };
}

/** Turns `cursor` messages into cursor updates, remembering shapes by id. */
export interface CursorShapeCache {
  /**
   * @param message - a `cursor` message; carries an image the first time a shape is used
   * @returns the update to draw; hidden when the shape id is unknown
   */
  toUpdate(message: CursorMessage): CursorUpdate;
}

/**
 * @param maxShapes - shapes kept (oldest dropped first)
 * @default maxShapes 64
 * @returns an empty cache
 */
export function createCursorShapeCache(maxShapes = 64): CursorShapeCache {
  const shapes = new Map<number, CursorShape>();
  let current: number | undefined;
  return {
    toUpdate(message) {
      const { x, y, shapeId, image } = message;
      if (image) {
        shapes.delete(shapeId);
        shapes.set(shapeId, {
          width: image.width,
          height: image.height,
          hotspotX: image.hotspotX,
          hotspotY: image.hotspotY,
          rgba: new Uint8ClampedArray(image.rgba),
        });
        while (shapes.size > maxShapes) shapes.delete(shapes.keys().next().value as number);
      }
      const shape = shapes.get(shapeId);
      if (!shape) return { x, y, visible: false };
      const changed = shapeId !== current || image !== undefined;
      current = shapeId;
      return changed ? { x, y, visible: true, shape } : { x, y, visible: true };
    },
  };
}

/**
 * The session call reports control as a boolean; the viewer needs to know whether a
 * `false` answers its request (refused), takes a grant back (revoked), or just echoes the
 * agent giving control back (ignored).
 */
export interface ControlTracker {
  /** The agent asked for control. */
  requested(): void;
  /** The agent gave control back. */
  released(): void;
  /**
   * @param granted - the call's `control` event
   * @returns what to report to the viewer, or `undefined` for the echo of `released()`
   */
  fromCall(granted: boolean): ControlChange | undefined;
}

/**
 * @returns a tracker with no request pending and control off
 */
export function createControlTracker(): ControlTracker {
  let pending = false;
  let granted = false;
  let releasing = false;
  return {
    requested() {
      pending = true;
    },
    released() {
      releasing = granted;
      granted = false;
    },
    fromCall(on) {
      if (on) {
        pending = false;
        granted = true;
        releasing = false;
        return 'granted';
      }
      if (releasing) {
        releasing = false;
        return undefined;
      }
      if (pending) {
        pending = false;
        return 'refused';
      }
      if (granted) {
        granted = false;
        return 'revoked';
      }
      return undefined;
    },
  };
}
