import {
  canEndWith,
  createLifecycle,
  END_REASONS_SENT_BY,
  type EndReason,
  type Lifecycle,
  type SessionState,
} from '@fernhilfe/session';
import { type CallOptions, type CallTimers, defaultTimers } from './call-options';
import { CallError, CallErrorCode } from './errors';
import { Listeners, type Unsubscribe } from './listeners';
import type { SessionMessage } from './protocol/messages';
import type { SecureLink } from './secure-link';

/** Which side ended a call, or `transport` when the connection was lost. */
export type EndedBy = 'guest' | 'viewer' | 'transport';

/** Event of a call's end. */
export interface CallEnded {
  /** Why. */
  reason: EndReason;
  /** Who ended it. */
  by: EndedBy;
  /** The error behind a `protocol-error` end, if any. */
  error?: unknown;
}

/** Events both sides emit. */
export interface CoreCallEvents {
  /** The lifecycle moved. */
  state: SessionState;
  /** Both sides derived the 6-digit security code ("123 456"); show it. */
  'security-code': string;
  /** Round-trip time measured with ping/pong, in ms. */
  rtt: number;
  /** The call is over; close the relay connection. */
  ended: CallEnded;
}

/** Traffic figures of a call. */
export interface CallStats {
  /** Support-protocol bytes sent (plaintext, before encryption). */
  bytesOut: number;
  /** Support-protocol bytes received (plaintext, after decryption). */
  bytesIn: number;
  /** Screen updates sent (guest) or received (viewer). */
  frames: number;
  /** Last round-trip time in ms, if measured. */
  rttMs: number | undefined;
}

/** What both sides of a call offer. */
export interface SupportCall<Events extends CoreCallEvents> {
  /** Current lifecycle state. */
  readonly state: SessionState;
  /** Why the call ended, once it has. */
  readonly endReason: EndReason | undefined;
  /** Traffic figures so far. */
  readonly stats: CallStats;
  /**
   * Subscribes to an event.
   *
   * @param name - the event
   * @param listener - called with the event's value
   * @returns a function that unsubscribes
   */
  on<Name extends keyof Events>(name: Name, listener: (value: Events[Name]) => void): Unsubscribe;
  /** Sends a ping; the answer updates `stats.rttMs` and emits `rtt`. */
  ping(): void;
  /**
   * Ends the call from this side: sends the authenticated end message and close frame when
   * the channel is up. A reason not allowed in the current state is sent as `protocol-error`.
   *
   * @param reason - why this side ends it; one of {@link END_REASONS_SENT_BY} for this side
   * @throws `CallError` `CALL_STATE` (rejects) for a reason only the other side may give
   * @returns a promise that resolves when both were handed to the transport
   */
  end(reason: EndReason): Promise<void>;
  /**
   * Call when the relay connection ended or the relay said the peer left: ends as `relayReason`
   * when given and possible in the current state, else as `peer-lost`.
   *
   * @param relayReason - the reason the relay gave (see `relayEndReason`), if any
   */
  transportLost(relayReason?: EndReason): void;
  /**
   * Feeds one binary payload from the peer. Never throws: a bad payload ends the call with
   * `protocol-error` (the `ended` event carries the error).
   *
   * @param bytes - one binary message from the relay
   */
  receive(bytes: Uint8Array): void;
}

/**
 * The part of a call both sides share: lifecycle, the secure link once the handshake is done,
 * events, ping/pong, the handshake and consent timeouts and the orderly end.
 */
export abstract class CallCore<Events extends CoreCallEvents> implements SupportCall<Events> {
  protected readonly life: Lifecycle;
  readonly #listeners: Listeners<Events>;
  protected readonly options: CallOptions;
  protected link: SecureLink | undefined;
  protected frames = 0;
  /** When the payload being handled arrived, in ms on `performance.timeOrigin + performance.now()`. */
  protected lastArrivedAt = 0;
  /** How long opening (decrypting and parsing) the payload being handled took, in ms. */
  protected lastOpenMs = 0;
  readonly #timers: CallTimers;
  readonly #clock: () => number;
  #stateTimer: unknown;
  #rttMs: number | undefined;
  #pingId = 0;
  readonly #pingsSent = new Map<number, number>();
  protected abstract readonly side: 'guest' | 'viewer';

  constructor(options: CallOptions) {
    this.options = options;
    this.#clock = options.clock ?? Date.now;
    this.#timers = options.timers ?? defaultTimers;
    this.#listeners = new Listeners<Events>(options.onListenerError);
    const lifecycleOptions = {
      initialState: 'joined' as const,
      clock: this.#clock,
      onTransition: (change: { to: SessionState }) => this.#onTransition(change.to),
      ...(options.timeouts === undefined ? {} : { timeouts: options.timeouts }),
    };
    this.life = createLifecycle(lifecycleOptions);
  }

  /** Current lifecycle state. */
  get state(): SessionState {
    return this.life.state;
  }

  /** Why the call ended, once it has. */
  get endReason(): EndReason | undefined {
    return this.life.endReason;
  }

  /** Traffic figures so far. */
  get stats(): CallStats {
    return {
      bytesOut: this.link?.bytesOut ?? 0,
      bytesIn: this.link?.bytesIn ?? 0,
      frames: this.frames,
      rttMs: this.#rttMs,
    };
  }

  /**
   * Subscribes to an event.
   *
   * @returns a function that unsubscribes
   */
  on<Name extends keyof Events>(name: Name, listener: (value: Events[Name]) => void): Unsubscribe {
    return this.#listeners.on(name, listener);
  }

  /** Sends a ping; the answer updates `stats.rttMs` and emits `rtt`. */
  ping(): void {
    if (this.link === undefined || !this.life.isLive) return;
    this.#pingId = (this.#pingId + 1) >>> 0;
    const id = this.#pingId;
    this.#pingsSent.set(id, this.#clock());
    if (this.#pingsSent.size > 16) this.#pingsSent.delete(this.#pingsSent.keys().next().value as number);
    this.sendQuietly({ type: 'ping', id });
  }

  /**
   * Ends the call from this side: sends the authenticated end message and close frame when
   * the channel is up. Resolves when both were handed to the transport.
   *
   * @param reason - why this side ends it
   */
  async end(reason: EndReason): Promise<void> {
    if (!END_REASONS_SENT_BY[this.side].includes(reason)) {
      throw stateError(`the ${this.side} cannot end a call as ${reason}`);
    }
    await this.finish(canEndWith(this.life.state, reason) ? reason : 'protocol-error', this.side, true);
  }

  /** Call when the relay connection ended or the relay said the peer left. */
  transportLost(relayReason?: EndReason): void {
    const reason = relayReason !== undefined && canEndWith(this.life.state, relayReason) ? relayReason : 'peer-lost';
    void this.finish(reason, 'transport', false);
  }

  /**
   * Feeds one binary payload from the peer. Never throws: a bad payload ends the call with
   * `protocol-error` (and the `ended` event carries the error).
   */
  receive(bytes: Uint8Array): void {
    if (!this.life.isLive) return;
    try {
      if (this.link === undefined) {
        this.receiveHandshake(bytes);
        return;
      }
      const arrived = performance.now();
      const input = this.link.receive(bytes);
      this.lastArrivedAt = performance.timeOrigin + arrived;
      this.lastOpenMs = performance.now() - arrived;
      if (input.kind === 'message') this.#dispatch(input.message);
      else if (input.kind === 'close') void this.finish('peer-lost', 'transport', false);
    } catch (error) {
      void this.finish('protocol-error', this.side, this.link !== undefined, error);
    }
  }

  protected abstract receiveHandshake(bytes: Uint8Array): void;
  protected abstract handle(message: SessionMessage): void;
  protected abstract onEnding(): void;

  #dispatch(message: SessionMessage): void {
    switch (message.type) {
      case 'ping':
        this.sendQuietly({ type: 'pong', id: message.id });
        return;
      case 'pong': {
        const sentAt = this.#pingsSent.get(message.id);
        if (sentAt === undefined) return;
        this.#pingsSent.delete(message.id);
        this.#rttMs = this.#clock() - sentAt;
        this.emit('rtt', this.#rttMs);
        return;
      }
      case 'end': {
        const by = this.side === 'guest' ? 'viewer' : 'guest';
        const believable =
          END_REASONS_SENT_BY[by].includes(message.reason) && canEndWith(this.life.state, message.reason);
        void this.finish(believable ? message.reason : 'protocol-error', by, false);
        return;
      }
      default:
        this.handle(message);
    }
  }

  protected emit<Name extends keyof Events>(name: Name, value: Events[Name]): void {
    this.#listeners.emit(name, value);
  }

  /** Sends a message; a transport failure ends the call as `peer-lost`. */
  protected sendQuietly(message: SessionMessage): Promise<void> {
    const link = this.#requireLink();
    return link.send(message).catch(() => this.transportLost());
  }

  #requireLink(): SecureLink {
    if (this.link === undefined) throw stateError('the handshake is not finished');
    return this.link;
  }

  protected requireState(...allowed: SessionState[]): void {
    if (!allowed.includes(this.life.state)) {
      throw stateError(`not allowed in state ${this.life.state} (needs ${allowed.join(' or ')})`);
    }
  }

  protected async finish(reason: EndReason, by: EndedBy, notifyPeer: boolean, error?: unknown): Promise<void> {
    if (!this.life.isLive) return;
    const link = this.link;
    this.onEnding();
    this.life.end(canEndWith(this.life.state, reason) ? reason : 'protocol-error');
    const ended: CallEnded =
      error === undefined
        ? { reason: this.life.endReason as EndReason, by }
        : { reason: this.life.endReason as EndReason, by, error };
    if (notifyPeer && link !== undefined) {
      try {
        await link.send({ type: 'end', reason: ended.reason });
        await link.close();
      } catch {
        // The peer is gone already; the end stays recorded on this side.
      }
    }
    this.emit('ended', ended);
  }

  #onTransition(to: SessionState): void {
    if (this.#stateTimer !== undefined) {
      this.#timers.clear(this.#stateTimer);
      this.#stateTimer = undefined;
    }
    const deadline = this.life.deadline;
    if (to === 'awaiting-consent' && deadline !== undefined) {
      this.#stateTimer = this.#timers.set(
        () => {
          this.#stateTimer = undefined;
          if (this.life.state === 'awaiting-consent') void this.finish('expired', this.side, true);
        },
        Math.max(0, deadline - this.#clock()),
      );
    }
    if (to === 'handshaking') {
      this.#stateTimer = this.#timers.set(() => {
        this.#stateTimer = undefined;
        if (this.life.state === 'handshaking') void this.finish('peer-lost', 'transport', false);
      }, this.options.handshakeTimeoutMs ?? 30_000);
    }
    this.emit('state', to);
  }
}

/** A method was called in a state where it makes no sense. */
export function stateError(message: string): CallError {
  return new CallError(CallErrorCode.STATE, message);
}

/** The peer sent something the protocol does not allow here. */
export function unexpected(message: SessionMessage, state: SessionState): CallError {
  return new CallError(CallErrorCode.PROTOCOL, `unexpected ${message.type} in state ${state}`);
}
