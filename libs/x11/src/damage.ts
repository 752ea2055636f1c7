import type { Rect } from '@fernhilfe/desktop';
import type { DamageExtension, XEvent } from 'x11';
import type { X11Connection } from './connection';
import { DamageRegion } from './damage-region';
import { requireExtension } from './extensions';

/** Options of {@link createDamageTracker}. */
export interface DamageTrackerOptions {
  /**
   * Most rectangles handed out per capture; more collapse into their bounding box.
   * @default 256
   */
  maxRects?: number;
}

interface DamageNotifyEvent {
  name: 'DamageNotify';
  damage: number;
  area: { x: number; y: number; w: number; h: number };
}

function isDamageNotify(event: XEvent): event is XEvent & DamageNotifyEvent {
  return event.name === 'DamageNotify';
}

/**
 * Watches the root window with the DAMAGE extension (delta-rectangle reports) and collects
 * what changed on screen.
 *
 * To pair rectangles with a capture without losing any: call {@link DamageTracker.rearm}
 * right before the capture request, and {@link DamageTracker.take} synchronously in the
 * reply callback (not in a promise continuation: by then the events that followed the reply
 * on the socket were dispatched too). The server handles requests in order and queues events
 * and replies in one stream, so the rectangles taken then cover exactly the changes up to the
 * capture; later changes are reported again because the rearm emptied the server's region.
 */
export class DamageTracker {
  readonly #region: DamageRegion;
  readonly #stopListening: () => void;
  readonly #changeListeners = new Set<() => void>();
  #closed = false;

  readonly #connection: X11Connection;
  readonly #damageExt: DamageExtension;
  readonly #damageId: number;

  /**
   * @param connection - an open connection
   * @param damageExt - the DAMAGE extension
   * @param damageId - XID of the damage object, already created on the root window
   * @param maxRects - see {@link DamageTrackerOptions.maxRects}
   */
  constructor(connection: X11Connection, damageExt: DamageExtension, damageId: number, maxRects: number) {
    this.#connection = connection;
    this.#damageExt = damageExt;
    this.#damageId = damageId;
    this.#region = new DamageRegion(connection.width, connection.height, maxRects);
    this.#stopListening = connection.onEvent((event) => {
      if (!isDamageNotify(event) || event.damage !== damageId) return;
      const { x, y, w, h } = event.area;
      this.#region.add({ x, y, width: w, height: h });
      for (const listener of this.#changeListeners) listener();
    });
  }

  /**
   * Adds a listener for each change the server reports.
   *
   * @param listener - called once per DamageNotify event
   * @returns a function that removes the listener
   */
  onChange(listener: () => void): () => void {
    const own = () => listener();
    this.#changeListeners.add(own);
    return () => this.#changeListeners.delete(own);
  }

  /** Asks the server to report every change from now on again (empties its damage region). */
  rearm(): void {
    if (this.#closed || !this.#connection.isOpen) return;
    this.#damageExt.Subtract(this.#damageId, 0, 0);
  }

  /**
   * Hands out the changed rectangles received since the last take.
   *
   * @returns screen rectangles, possibly overlapping; empty when nothing changed
   */
  take(): Rect[] {
    return this.#region.take();
  }

  /** Stops watching and destroys the damage object. Safe to call twice. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#stopListening();
    this.#changeListeners.clear();
    if (this.#connection.isOpen) this.#damageExt.Destroy(this.#damageId);
  }
}

/**
 * Starts watching the whole screen for changes.
 *
 * @param connection - an open connection
 * @param options - limits
 * @returns the tracker; its first report covers the whole screen
 * @throws {@link X11Error} `X11_EXTENSION_MISSING` when the server lacks DAMAGE
 */
export async function createDamageTracker(
  connection: X11Connection,
  options: DamageTrackerOptions = {},
): Promise<DamageTracker> {
  const damageExt = await requireExtension(connection, 'damage');
  const damageId = connection.client.AllocID();
  damageExt.Create(damageId, connection.root, damageExt.ReportLevel.DeltaRectangles);
  return new DamageTracker(connection, damageExt, damageId, options.maxRects ?? 256);
}
