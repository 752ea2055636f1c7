import type { QueryPointerReply, XEvent } from 'x11';
import type { X11Connection } from './connection';
import { requireExtension } from './extensions';

const LOCK_MASK = 0x02;
// XKB StatePart bit for the locked modifiers (XKB protocol, "SelectEvents").
const STATE_PART_MODIFIER_LOCK = 1 << 3;

interface XkbStateNotifyEvent {
  name: 'XkbStateNotify';
  lockedMods: number;
}

function isXkbStateNotify(event: XEvent): event is XEvent & XkbStateNotifyEvent {
  return event.name === 'XkbStateNotify';
}

async function queryLock(connection: X11Connection): Promise<boolean> {
  const reply = await connection.request<QueryPointerReply>('QueryPointer', (callback) =>
    connection.client.QueryPointer(connection.root, callback),
  );
  return (reply.keyMask & LOCK_MASK) !== 0;
}

/**
 * Whether Caps Lock is on at the desktop. Follows XKB state notifications when the server
 * has XKEYBOARD (so a toggle on the customer's own keyboard is seen at once), otherwise
 * re-reads the state after each injected key. The injector's own Caps Lock presses are
 * predicted locally, so keys sent right after them are typed right.
 */
export class CapsLockTracker {
  #on: boolean;
  /** Bumped on every local prediction, so answers to older queries are ignored. */
  #generation = 0;
  #refreshing = false;
  #refreshAgain = false;
  readonly #stopListening: () => void;

  readonly #connection: X11Connection;
  readonly #eventDriven: boolean;

  /**
   * @param connection - an open connection
   * @param initiallyOn - the lock state read at creation
   * @param eventDriven - true when XKB state notifications were selected
   */
  constructor(connection: X11Connection, initiallyOn: boolean, eventDriven: boolean) {
    this.#connection = connection;
    this.#eventDriven = eventDriven;
    this.#on = initiallyOn;
    this.#stopListening = eventDriven
      ? connection.onEvent((event) => {
          if (isXkbStateNotify(event)) this.#on = (event.lockedMods & LOCK_MASK) !== 0;
        })
      : () => undefined;
  }

  /** Caps Lock state as last known. */
  get isOn(): boolean {
    return this.#on;
  }

  /**
   * Records a state change the injector just caused, before the server confirms it.
   *
   * @param on - the new state
   */
  predict(on: boolean): void {
    this.#on = on;
    this.#generation++;
  }

  /** Call after each injected key event; re-reads the state when there are no notifications. */
  afterKeyEvent(): void {
    if (this.#eventDriven) return;
    if (this.#refreshing) {
      this.#refreshAgain = true;
      return;
    }
    this.#refreshing = true;
    const generation = this.#generation;
    queryLock(this.#connection)
      .then((on) => {
        if (generation === this.#generation) this.#on = on;
      })
      .catch(() => undefined)
      .finally(() => {
        this.#refreshing = false;
        if (this.#refreshAgain && this.#connection.isOpen) {
          this.#refreshAgain = false;
          this.afterKeyEvent();
        }
      });
  }

  /** Stops following notifications. */
  close(): void {
    this.#stopListening();
  }
}

/**
 * Starts following Caps Lock.
 *
 * @param connection - an open connection
 * @returns the tracker
 * @throws {@link X11Error} `X11_REQUEST_FAILED` / `X11_DISPLAY_LOST`
 */
export async function createCapsLockTracker(connection: X11Connection): Promise<CapsLockTracker> {
  let eventDriven = false;
  try {
    const xkb = await requireExtension(connection, 'xkb');
    const part: [number, number] = [STATE_PART_MODIFIER_LOCK, STATE_PART_MODIFIER_LOCK];
    xkb.SelectEvents(xkb.UseCoreKbd, xkb.EventType.StateNotify, 0, 0, 0, 0, { stateNotify: part });
    eventDriven = true;
  } catch {
    // Without XKEYBOARD the state is polled after each key instead.
  }
  return new CapsLockTracker(connection, await queryLock(connection), eventDriven);
}
