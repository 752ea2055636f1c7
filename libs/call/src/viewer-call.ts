import { createViewerHandshake, type ViewerHandshake } from '@fernhilfe/crypto';
import { CallCore, type CoreCallEvents, type SupportCall, stateError, unexpected } from './call-core';
import { type CallOptions, SUPPORT_PROTOCOL_VERSION } from './call-options';
import { CallError, CallErrorCode } from './errors';
import { FrameAssembler, type ReceivedFrame } from './frame-assembler';
import { CAPABILITIES } from './protocol/message-types';
import type {
  CursorMessage,
  HelloMessage,
  InputBlockedReason,
  KeyMessage,
  PointerMessage,
  SessionMessage,
} from './protocol/messages';
import { SecureLink } from './secure-link';

/** Options of {@link createViewerCall}. */
export interface ViewerCallOptions extends CallOptions {
  /** Largest screen update accepted, in bytes. @default 64 MiB */
  maxFrameBytes?: number;
  /**
   * Acknowledge each frame as soon as the `frame` listeners return. Turn off to call
   * `ackFrame` yourself, e.g. after decoding in a worker. @default true
   */
  autoAck?: boolean;
}

/** What the guest told about itself in its hello. */
export interface GuestInfo {
  /** Screen size in pixels. */
  screen: { width: number; height: number };
  /** Whether the guest can apply mouse and keyboard input. */
  canControl: boolean;
}

/** Events of a {@link ViewerCall}. */
export interface ViewerCallEvents extends CoreCallEvents {
  /** The guest's hello: screen size and whether control is possible. */
  guest: GuestInfo;
  /** The customer's answer to the security code. */
  consent: boolean;
  /** A whole screen update (codec bytes): decode and draw it. */
  frame: ReceivedFrame;
  /** Cursor shape and position. */
  cursor: CursorMessage;
  /** Control is granted (`true`) or ended or refused (`false`). */
  control: boolean;
  /**
   * While control is granted: the guest's desktop refuses injected input (an elevated window,
   * a secure desktop). The guest sends it once per change of reason, and again after control is
   * granted anew; it does not say when input gets through again.
   */
  'input-blocked': InputBlockedReason;
}

/**
 * The viewer's side of a support call, after the relay paired it with a guest: the handshake
 * (checking the guest's key commitment), the security code, screen updates with acks, the
 * control request and input. No I/O of its own: feed it the relay's binary payloads with
 * `receive`, and it sends through `options.send`.
 */
export interface ViewerCall extends SupportCall<ViewerCallEvents> {
  /** The security code, once the handshake is done. */
  readonly securityCode: string | undefined;
  /** The guest's hello, once received. */
  readonly guest: GuestInfo | undefined;
  /** Whether control is granted right now. */
  readonly controlGranted: boolean;
  /** Asks the customer for mouse and keyboard control. */
  requestControl(): Promise<void>;
  /** Hands control back to the customer. */
  releaseControl(): Promise<void>;
  /** Acknowledges a drawn frame (only needed with `autoAck: false`). */
  ackFrame(frameId: number): Promise<void>;
  /**
   * Sends pointer input. Only while control is granted; the guest enforces it too.
   *
   * @returns whether it was sent
   */
  sendPointer(event: Omit<PointerMessage, 'type'>): boolean;
  /**
   * Sends key input. Only while control is granted; the guest enforces it too.
   *
   * @returns whether it was sent
   */
  sendKey(event: Omit<KeyMessage, 'type'>): boolean;
}

class ViewerCallImpl extends CallCore<ViewerCallEvents> implements ViewerCall {
  protected readonly side = 'viewer';
  readonly #handshake: ViewerHandshake;
  readonly #assembler: FrameAssembler;
  #frameOpenMs = 0;
  readonly #autoAck: boolean;
  #securityCode: string | undefined;
  #guest: GuestInfo | undefined;
  #controlRequested = false;

  constructor(options: ViewerCallOptions) {
    super(options);
    this.#handshake = createViewerHandshake({ sessionId: options.sessionId });
    this.#assembler = new FrameAssembler(options.maxFrameBytes ?? 64 * 1024 * 1024);
    this.#autoAck = options.autoAck ?? true;
  }

  get securityCode(): string | undefined {
    return this.#securityCode;
  }

  get guest(): GuestInfo | undefined {
    return this.#guest;
  }

  get controlGranted(): boolean {
    return this.life.state === 'active-control';
  }

  protected receiveHandshake(bytes: Uint8Array): void {
    if (this.#handshake.step === 'ready') {
      this.life.transition('handshaking');
      void Promise.resolve(this.options.send(this.#handshake.start(bytes))).catch(() => this.transportLost());
      return;
    }
    const result = this.#handshake.finish(bytes);
    this.link = new SecureLink(result.channel, this.options.send, this.options.limits);
    this.#securityCode = result.securityCode;
    const hello: HelloMessage = {
      type: 'hello',
      role: 'viewer',
      versions: [SUPPORT_PROTOCOL_VERSION],
      capabilities: CAPABILITIES.frameAck | CAPABILITIES.cursorImage,
      screen: { width: 0, height: 0 },
    };
    void this.sendQuietly(hello);
    this.life.transition('awaiting-consent');
    this.emit('security-code', result.securityCode);
  }

  async requestControl(): Promise<void> {
    this.requireState('active-view');
    if (this.#guest !== undefined && !this.#guest.canControl) {
      throw stateError('this guest cannot apply input (browser guest: view only)');
    }
    this.#controlRequested = true;
    await this.sendQuietly({ type: 'control-request' });
  }

  async releaseControl(): Promise<void> {
    if (this.life.state !== 'active-control') return;
    this.life.transition('active-view');
    this.emit('control', false);
    await this.sendQuietly({ type: 'control-revoke' });
  }

  ackFrame(frameId: number): Promise<void> {
    if (this.link === undefined || !this.life.isLive) return Promise.resolve();
    return this.sendQuietly({ type: 'frame-ack', frameId });
  }

  sendPointer(event: Omit<PointerMessage, 'type'>): boolean {
    if (this.life.state !== 'active-control') return false;
    void this.sendQuietly({ type: 'pointer', ...event });
    return true;
  }

  sendKey(event: Omit<KeyMessage, 'type'>): boolean {
    if (this.life.state !== 'active-control') return false;
    void this.sendQuietly({ type: 'key', ...event });
    return true;
  }

  protected handle(message: SessionMessage): void {
    const state = this.life.state;
    switch (message.type) {
      case 'hello':
        if (message.role !== 'guest' || !message.versions.includes(SUPPORT_PROTOCOL_VERSION)) {
          throw new CallError(CallErrorCode.PROTOCOL, 'guest speaks no common protocol version');
        }
        this.#guest = {
          screen: { ...message.screen },
          canControl: (message.capabilities & CAPABILITIES.control) !== 0,
        };
        this.emit('guest', this.#guest);
        return;
      case 'consent':
        if (state !== 'awaiting-consent') throw unexpected(message, state);
        if (message.granted) this.life.transition('active-view');
        this.emit('consent', message.granted);
        return;
      case 'screen-update': {
        if (state !== 'active-view' && state !== 'active-control') throw unexpected(message, state);
        if (message.chunkIndex === 0) this.#frameOpenMs = 0;
        this.#frameOpenMs += this.lastOpenMs;
        const frame = this.#assembler.push(message);
        if (frame === undefined) return;
        this.frames++;
        this.emit('frame', { ...frame, arrivedAt: this.lastArrivedAt, openMs: this.#frameOpenMs });
        if (this.#autoAck) void this.ackFrame(frame.frameId);
        return;
      }
      case 'cursor':
        if (state !== 'active-view' && state !== 'active-control') throw unexpected(message, state);
        this.emit('cursor', message);
        return;
      case 'control-grant':
        if (state !== 'active-view') throw unexpected(message, state);
        if (!this.#controlRequested) {
          // Our request was cancelled by a revoke that crossed the grant on the wire: hand control
          // straight back instead of failing the call.
          void this.sendQuietly({ type: 'control-revoke' });
          return;
        }
        this.#controlRequested = false;
        this.life.transition('active-control');
        this.emit('control', true);
        return;
      case 'input-blocked':
        // In view-only state it crossed a release or revoke on the wire: it no longer matters.
        if (state === 'active-control') this.emit('input-blocked', message.reason);
        else if (state !== 'active-view') throw unexpected(message, state);
        return;
      case 'control-revoke':
        if (state === 'active-control') this.life.transition('active-view');
        if (state === 'active-control' || this.#controlRequested) this.emit('control', false);
        this.#controlRequested = false;
        return;
      default:
        throw unexpected(message, state);
    }
  }

  protected onEnding(): void {
    this.#controlRequested = false;
  }
}

/**
 * Creates the viewer's side of a call. It starts when the guest's commitment arrives.
 *
 * @param options - see {@link ViewerCallOptions}
 * @returns the call
 *
 * @example
 * ```ts
 * const { call } = attachCall('viewer', channel, (send) => createViewerCall({ sessionId, send }));
 * call.on('security-code', (code) => show(code));
 * call.on('frame', ({ data }) => draw(decoder.decode(data)));
 * ```
 */
export function createViewerCall(options: ViewerCallOptions): ViewerCall {
  return new ViewerCallImpl(options);
}
