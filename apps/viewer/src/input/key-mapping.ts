import type { KeyModifiers, RemoteKeyInput } from './remote-input';

/** The fields of a `KeyboardEvent` the viewer forwards. */
export interface KeyboardEventLike {
  type: string;
  code: string;
  key: string;
  repeat: boolean;
  ctrlKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
}

/**
 * Maps a browser key event to a remote key event.
 *
 * @param event - a `keydown` or `keyup` event
 * @returns the remote event, or `undefined` for other event types and events without a physical key code
 */
export function keyboardEventToRemote(event: KeyboardEventLike): RemoteKeyInput | undefined {
  if (event.type !== 'keydown' && event.type !== 'keyup') return undefined;
  if (event.code === '' || event.code === 'Unidentified') return undefined;
  return {
    code: event.code,
    key: event.key,
    down: event.type === 'keydown',
    repeat: event.type === 'keydown' && event.repeat,
    modifiers: { ctrl: event.ctrlKey, alt: event.altKey, shift: event.shiftKey, meta: event.metaKey },
  };
}

/** Tracks which keys are down so they can all be released when focus or control is lost. */
export interface PressedKeys {
  /** Notes a forwarded event. */
  track(input: RemoteKeyInput): void;
  /** @returns release events for every key still down (latest first), and forgets them */
  releaseAll(): RemoteKeyInput[];
}

const NO_MODIFIERS: KeyModifiers = Object.freeze({ ctrl: false, alt: false, shift: false, meta: false });

/**
 * @returns an empty tracker
 */
export function createPressedKeys(): PressedKeys {
  const down = new Map<string, string>();
  return {
    track(input) {
      if (input.down) down.set(input.code, input.key);
      else down.delete(input.code);
    },
    releaseAll() {
      const releases = [...down]
        .reverse()
        .map(([code, key]): RemoteKeyInput => ({ code, key, down: false, repeat: false, modifiers: NO_MODIFIERS }));
      down.clear();
      return releases;
    },
  };
}
