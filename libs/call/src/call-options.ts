import type { LifecycleTimeouts } from '@fernhilfe/session';
import type { ProtocolLimits } from './protocol/limits';
import type { SendBytes } from './secure-link';

/** Options both sides of a call share. */
export interface CallOptions {
  /** Session id the relay gave both sides; bound into the handshake. */
  sessionId: string;
  /** Sends one binary payload to the peer (the relay's paired channel). */
  send: SendBytes;
  /** Lifecycle timeouts (consent: 2 min by default). */
  timeouts?: LifecycleTimeouts;
  /** How long the handshake may take before the peer counts as lost. @default 30_000 */
  handshakeTimeoutMs?: number;
  /** Support-protocol limits. */
  limits?: ProtocolLimits;
  /** Clock in ms since the epoch. @default Date.now */
  clock?: () => number;
  /** Schedules the consent timeout. @default globalThis.setTimeout / clearTimeout */
  timers?: CallTimers;
  /** Receives errors thrown by event listeners. @default rethrown in a microtask */
  onListenerError?: (error: unknown) => void;
}

/** Timer functions, injectable for tests. */
export interface CallTimers {
  /** Runs `fn` after `ms`; returns a handle for `clear`. */
  set(fn: () => void, ms: number): unknown;
  /** Cancels a timer from `set`. */
  clear(handle: unknown): void;
}

/** The platform timers. */
export const defaultTimers: CallTimers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** The platform timers, not keeping a Node process alive (a grace period must not hold up an exit). */
export const unrefTimers: CallTimers = {
  set: (fn, ms) => {
    const handle = defaultTimers.set(fn, ms);
    (handle as { unref?: () => void }).unref?.();
    return handle;
  },
  clear: defaultTimers.clear,
};

/** Support protocol version this implementation speaks. */
export const SUPPORT_PROTOCOL_VERSION = 1;
