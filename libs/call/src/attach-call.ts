import { END_REASONS_SENT_BY, type EndReason } from '@fernhilfe/session';
import type { CallEnded } from './call-core';
import { type CallTimers, unrefTimers } from './call-options';
import type { SendBytes } from './secure-link';

/**
 * The relay channel a call runs over: the part of `@fernhilfe/transport`'s `PairedChannel` a call
 * needs (or an in-memory pair in tests).
 */
export interface CallChannel {
  /** Sends one payload to the peer; `written` runs once the transport holds no reference to it. */
  send(bytes: Uint8Array, written?: () => void): Promise<void>;
  /** Receives every payload from the peer, in order. */
  onMessage(handler: (bytes: Uint8Array) => void): void;
  /**
   * Resolves once when the channel is gone, never rejects; with `{ reason }` when the relay said
   * why (a `PairedChannel`'s `SessionEnd`).
   */
  readonly ended: Promise<unknown>;
  /** Tells the relay the session ended (with this side's reason) and closes the channel. */
  close(reason?: EndReason): void;
}

/** What {@link attachCall} needs of a call: both drivers qualify. */
export interface AttachableCall {
  /** Subscribes to the call's end. */
  on(name: 'ended', listener: (ended: CallEnded) => void): unknown;
  /** Feeds one payload from the peer. */
  receive(bytes: Uint8Array): void;
  /** Tells the call its channel is gone, with the end reason the relay gave, if it gave one this side believes. */
  transportLost(relayReason?: EndReason): void;
}

/** Options of {@link attachCall}. */
export interface AttachCallOptions {
  /**
   * How long to wait, after the peer ended the call, for the relay to close the channel before
   * closing it from this side.
   * @default 2000
   */
  closeGraceMs?: number;
  /** Schedules the grace period. @default platform timers (not keeping a Node process alive) */
  timers?: CallTimers;
}

/** A call attached to its channel. */
export interface AttachedCall<Call> {
  /** The call. */
  readonly call: Call;
  /** Resolves with how the call ended once the channel is closed too. */
  readonly closed: Promise<CallEnded>;
}

/**
 * The end reason a relay gave when it closed the channel, if this side believes it: one the relay
 * states itself (`relay-shutdown`, `peer-lost`, …) or one the peer may state (`agent-ended` for a
 * guest), which the relay passes on only from that peer. Anything else, or no reason: `undefined`.
 *
 * @param side - which side this is
 * @param end - what the channel's `ended` resolved with
 * @returns the believable reason, or `undefined`
 */
export function relayEndReason(side: 'guest' | 'viewer', end: unknown): EndReason | undefined {
  const reason = (end as { reason?: unknown } | null | undefined)?.reason;
  const peer = side === 'guest' ? 'viewer' : 'guest';
  const believable: readonly unknown[] = [...END_REASONS_SENT_BY.relay, ...END_REASONS_SENT_BY[peer]];
  return believable.includes(reason) ? (reason as EndReason) : undefined;
}

/** Grace period of {@link AttachCallOptions.closeGraceMs}. */
export const DEFAULT_CLOSE_GRACE_MS = 2000;

async function closeAfter(
  side: 'guest' | 'viewer',
  channel: CallChannel,
  ended: CallEnded,
  options: AttachCallOptions,
): Promise<void> {
  if (ended.by === side) {
    channel.close(END_REASONS_SENT_BY[side].includes(ended.reason) ? ended.reason : undefined);
  } else if (ended.by !== 'transport') {
    // The peer's end is on its way to the relay, which closes both sides; close only if it does not.
    const timers = options.timers ?? unrefTimers;
    let handle: unknown;
    const grace = new Promise<void>((resolve) => {
      handle = timers.set(resolve, options.closeGraceMs ?? DEFAULT_CLOSE_GRACE_MS);
    });
    const first = await Promise.race([channel.ended.then(() => 'relay' as const), grace.then(() => 'grace' as const)]);
    timers.clear(handle);
    if (first === 'grace') channel.close();
  }
  await channel.ended;
}

/**
 * The one way to run a call over a relay channel: creates the call with a `send` into the
 * channel, feeds it every payload from the channel, tells it when the channel is gone, and
 * closes the channel when the call ends. This side's end goes to the relay with its reason (one
 * this side may state, `END_REASONS_SENT_BY`); after the peer's end the relay closes the channel
 * and this side closes it only if the relay has not within `closeGraceMs`; after a lost channel
 * there is nothing to close, and the call ends with the reason the relay gave
 * ({@link relayEndReason}: `relay-shutdown`, `agent-ended`, …), else `peer-lost`. The close runs after the call's other `ended` listeners, so reports
 * they send go out first.
 *
 * @param side - which side this is
 * @param channel - the paired relay channel
 * @param create - creates the call with the given `send`
 * @param options - grace period and timers
 * @returns the call and a promise for its end with the channel closed
 *
 * @example
 * ```ts
 * const { call, closed } = attachCall('guest', channel, (send) =>
 *   createGuestCall({ sessionId: channel.peer.sessionId, screen, send }),
 * );
 * call.start();
 * const { reason, by } = await closed;
 * ```
 */
export function attachCall<Call extends AttachableCall>(
  side: 'guest' | 'viewer',
  channel: CallChannel,
  create: (send: SendBytes) => Call,
  options: AttachCallOptions = {},
): AttachedCall<Call> {
  const call = create((bytes, release) => channel.send(bytes, release));
  const closed = new Promise<CallEnded>((resolve) => {
    call.on('ended', (ended) => {
      queueMicrotask(() => void closeAfter(side, channel, ended, options).then(() => resolve(ended)));
    });
  });
  channel.onMessage((bytes) => call.receive(bytes));
  void channel.ended.then((end) => call.transportLost(relayEndReason(side, end)));
  return { call, closed };
}
