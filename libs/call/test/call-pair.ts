import {
  type CallTimers,
  createGuestCall,
  createViewerCall,
  type GuestCallOptions,
  type ViewerCallOptions,
} from '../src/index';

/** Bytes in flight between the two sides; `tamper` may rewrite or drop them. */
export interface Wire {
  tamper?: (bytes: Uint8Array, from: 'guest' | 'viewer') => Uint8Array | undefined;
  sent: { guest: number; viewer: number };
}

/** Manual timers: `fire()` runs every pending one. */
export function manualTimers(): CallTimers & { fire(): void; pending: number } {
  const pending = new Map<number, () => void>();
  let next = 0;
  return {
    set: (fn) => {
      pending.set(++next, fn);
      return next;
    },
    clear: (handle) => pending.delete(handle as number),
    fire: () => {
      for (const [id, fn] of [...pending]) {
        pending.delete(id);
        fn();
      }
    },
    get pending() {
      return pending.size;
    },
  };
}

/**
 * A guest and a viewer wired to each other through microtask-delayed delivery. The wire
 * copies each frame and releases it at once, as a transport does once it has written it.
 */
export function createCallPair(
  guestOptions: Partial<GuestCallOptions> = {},
  viewerOptions: Partial<ViewerCallOptions> = {},
) {
  const wire: Wire = { sent: { guest: 0, viewer: 0 } };
  const deliver = (from: 'guest' | 'viewer', bytes: Uint8Array) => {
    wire.sent[from]++;
    const copy = new Uint8Array(bytes);
    queueMicrotask(() => {
      const out = wire.tamper ? wire.tamper(copy, from) : copy;
      if (out === undefined) return;
      if (from === 'guest') viewer.receive(out);
      else guest.receive(out);
    });
  };
  const guest = createGuestCall({
    sessionId: 'test-session',
    screen: { width: 1280, height: 800 },
    canControl: true,
    send: (bytes, release) => {
      deliver('guest', bytes);
      release?.();
    },
    ...guestOptions,
  });
  const viewer = createViewerCall({
    sessionId: 'test-session',
    send: (bytes, release) => {
      deliver('viewer', bytes);
      release?.();
    },
    ...viewerOptions,
  });
  return { guest, viewer, wire };
}

/** Lets queued deliveries run (each hop is one microtask; a handful of hops per step). */
export async function settle(rounds = 50): Promise<void> {
  for (let i = 0; i < rounds; i++) await Promise.resolve();
}

/** Runs the handshake and the customer's consent: both sides are in `active-view`. */
export async function consented(pair = createCallPair()) {
  pair.guest.start();
  await settle();
  await pair.guest.confirm();
  await settle();
  return pair;
}
