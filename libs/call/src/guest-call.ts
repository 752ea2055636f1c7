import { createGuestHandshake, type GuestHandshake, MAX_PLAINTEXT_LENGTH } from '@fernhilfe/crypto';
import { CallCore, type CoreCallEvents, type SupportCall, stateError, unexpected } from './call-core';
import { type CallOptions, SUPPORT_PROTOCOL_VERSION } from './call-options';
import { CallError, CallErrorCode } from './errors';
import { CAPABILITIES, INPUT_BLOCKED_REASON_CODES } from './protocol/message-types';
import type {
  CursorImage,
  HelloMessage,
  InputBlockedReason,
  KeyMessage,
  PointerMessage,
  SessionMessage,
} from './protocol/messages';
import { createPermissionGate, type GateRefusal, type PermissionGate } from './protocol/permission-gate';
import { SecureLink } from './secure-link';

/** Bytes of a `screen-update` message before its data: type, frame id, chunk index and count, length. */
const SCREEN_UPDATE_OVERHEAD = 1 + 4 + 2 + 2 + 4;

/** Options of {@link createGuestCall}. */
export interface GuestCallOptions extends CallOptions {
  /** The guest's screen size in pixels. */
  screen: { width: number; height: number };
  /** Whether this guest can apply mouse and keyboard input (the browser guest cannot). */
  canControl: boolean;
  /** Most screen updates sent but not yet acknowledged by the viewer. @default 2 */
  maxFramesInFlight?: number;
}

/** Events of a {@link GuestCall}. */
export interface GuestCallEvents extends CoreCallEvents {
  /** The agent asks for mouse and keyboard control; answer with `answerControlRequest`. */
  'control-requested': undefined;
  /** Whether control is granted changed. When it ends, release every key and button. */
  control: boolean;
  /** Input from the viewer that the permission gate let through: apply it. */
  input: PointerMessage | KeyMessage;
  /** Input the gate held back (control not granted). Nothing was applied. */
  'input-refused': GateRefusal;
  /** There is room to send another screen update: capture now. */
  'room-to-send': undefined;
}

/** A cursor shape and position to send. */
export interface GuestCursor {
  /** Shape id (u16). */
  shapeId: number;
  /** Position in screen pixels. */
  x: number;
  /** Position in screen pixels. */
  y: number;
  /** The image, sent the first time a shape is used. */
  image?: CursorImage;
}

/**
 * The guest's side of a support call, after the relay paired it with a viewer: the handshake
 * with its key commitment, the customer's consent, screen updates with flow control, the
 * control permission and the orderly end. No I/O of its own: feed it the relay's binary
 * payloads with `receive`, and it sends through `options.send`.
 */
export interface GuestCall extends SupportCall<GuestCallEvents> {
  /** The security code, once the handshake is done. */
  readonly securityCode: string | undefined;
  /** Whether control is granted right now. */
  readonly controlGranted: boolean;
  /** Whether a screen update may be sent now (consent given, fewer than the maximum in flight). */
  readonly canSendFrame: boolean;
  /** Starts the handshake by sending the guest's key commitment. */
  start(): void;
  /** The customer confirmed ("Ja"): the viewer may see the screen from now on. */
  confirm(): Promise<void>;
  /** The customer refused: the call ends as `consent-refused`. */
  refuse(): Promise<void>;
  /** Answers a pending control request ("Ja" grants, "Nein" refuses). */
  answerControlRequest(granted: boolean): Promise<void>;
  /** The customer takes control back. */
  revokeControl(): Promise<void>;
  /**
   * Sends one screen update (codec bytes), in chunks that fit the channel.
   *
   * @returns the frame id
   * @throws `CallError` `CALL_STATE` before consent or without room to send
   */
  sendFrame(update: Uint8Array): Promise<number>;
  /** Sends the cursor shape and position. */
  sendCursor(cursor: GuestCursor): Promise<void>;
  /**
   * Tells the agent that the desktop refuses injected input (an elevated window, a secure
   * desktop), so they are not clicking into nothing. Sent only while control is granted
   * (otherwise a no-op) and only on a change: the same reason twice in a row is sent once,
   * until control is granted again or the other reason is reported.
   *
   * @param reason - why input is refused
   * @throws {@link CallError} `CALL_INVALID_ARGUMENT` for an unknown reason (as a rejection)
   */
  reportInputBlocked(reason: InputBlockedReason): Promise<void>;
}

class GuestCallImpl extends CallCore<GuestCallEvents> implements GuestCall {
  protected readonly side = 'guest';
  readonly #handshake: GuestHandshake;
  readonly #gate: PermissionGate;
  readonly #screen: { width: number; height: number };
  readonly #canControl: boolean;
  readonly #maxInFlight: number;
  readonly #inFlight = new Set<number>();
  #securityCode: string | undefined;
  #controlRequested = false;
  #nextFrameId = 1;
  #sendingFrame = false;
  #lastInputBlocked: InputBlockedReason | undefined;

  constructor(options: GuestCallOptions) {
    super(options);
    this.#handshake = createGuestHandshake({ sessionId: options.sessionId });
    this.#gate = createPermissionGate({ onRefusal: (refusal) => this.emit('input-refused', refusal) });
    this.#screen = { ...options.screen };
    this.#canControl = options.canControl;
    this.#maxInFlight = options.maxFramesInFlight ?? 2;
    if (!Number.isInteger(this.#maxInFlight) || this.#maxInFlight < 1) {
      throw new CallError(CallErrorCode.INVALID_ARGUMENT, 'maxFramesInFlight must be a positive integer');
    }
  }

  get securityCode(): string | undefined {
    return this.#securityCode;
  }

  get controlGranted(): boolean {
    return this.#gate.controlGranted;
  }

  get canSendFrame(): boolean {
    return (
      (this.life.state === 'active-view' || this.life.state === 'active-control') &&
      !this.#sendingFrame &&
      this.#inFlight.size < this.#maxInFlight
    );
  }

  start(): void {
    this.requireState('joined');
    this.life.transition('handshaking');
    void Promise.resolve(this.options.send(this.#handshake.commit())).catch(() => this.transportLost());
  }

  protected receiveHandshake(bytes: Uint8Array): void {
    if (this.life.state !== 'handshaking') throw stateError('handshake message before start()');
    const result = this.#handshake.respond(bytes);
    void Promise.resolve(this.options.send(result.reply)).catch(() => this.transportLost());
    this.link = new SecureLink(result.channel, this.options.send, this.options.limits);
    this.#securityCode = result.securityCode;
    this.life.transition('awaiting-consent');
    this.emit('security-code', result.securityCode);
  }

  async confirm(): Promise<void> {
    this.requireState('awaiting-consent');
    this.life.transition('active-view');
    // The hello (screen size, capabilities) waits for consent: before it, a relay in the middle
    // that the code comparison has not yet exposed learns nothing about the screen.
    const hello: HelloMessage = {
      type: 'hello',
      role: 'guest',
      versions: [SUPPORT_PROTOCOL_VERSION],
      capabilities: CAPABILITIES.frameAck | CAPABILITIES.cursorImage | (this.#canControl ? CAPABILITIES.control : 0),
      screen: this.#screen,
    };
    void this.sendQuietly(hello);
    await this.sendQuietly({ type: 'consent', granted: true, scopes: ['view'] });
    this.emit('room-to-send', undefined);
  }

  async refuse(): Promise<void> {
    this.requireState('awaiting-consent');
    await this.sendQuietly({ type: 'consent', granted: false, scopes: [] });
    await this.finish('consent-refused', 'guest', true);
  }

  async answerControlRequest(granted: boolean): Promise<void> {
    this.requireState('active-view');
    if (!this.#controlRequested) throw stateError('no control request is pending');
    this.#controlRequested = false;
    if (!granted || !this.#canControl) {
      await this.sendQuietly({ type: 'control-revoke' });
      return;
    }
    this.#gate.grant();
    this.#lastInputBlocked = undefined;
    this.life.transition('active-control');
    this.emit('control', true);
    await this.sendQuietly({ type: 'control-grant' });
  }

  async revokeControl(): Promise<void> {
    if (this.life.state !== 'active-control') return;
    this.#endControl();
    await this.sendQuietly({ type: 'control-revoke' });
  }

  async sendFrame(update: Uint8Array): Promise<number> {
    if (!this.canSendFrame) throw stateError('no room to send a screen update now');
    const frameId = this.#nextFrameId;
    this.#nextFrameId = (this.#nextFrameId + 1) >>> 0 || 1;
    const chunkBytes = MAX_PLAINTEXT_LENGTH - SCREEN_UPDATE_OVERHEAD;
    const chunkCount = Math.max(1, Math.ceil(update.length / chunkBytes));
    if (chunkCount > 0xffff) throw new CallError(CallErrorCode.FRAME_TOO_LARGE, 'update too large');
    this.#inFlight.add(frameId);
    this.#sendingFrame = true;
    this.frames++;
    try {
      for (let chunkIndex = 0; chunkIndex < chunkCount && this.life.isLive; chunkIndex++) {
        const data = update.subarray(chunkIndex * chunkBytes, (chunkIndex + 1) * chunkBytes);
        await this.sendQuietly({ type: 'screen-update', frameId, chunkIndex, chunkCount, data });
      }
    } finally {
      this.#sendingFrame = false;
    }
    if (this.canSendFrame) this.emit('room-to-send', undefined);
    return frameId;
  }

  async sendCursor(cursor: GuestCursor): Promise<void> {
    this.requireState('active-view', 'active-control');
    await this.sendQuietly({ type: 'cursor', ...cursor });
  }

  async reportInputBlocked(reason: InputBlockedReason): Promise<void> {
    if (!Object.hasOwn(INPUT_BLOCKED_REASON_CODES, reason)) {
      throw new CallError(CallErrorCode.INVALID_ARGUMENT, `unknown input-blocked reason ${String(reason)}`);
    }
    if (this.life.state !== 'active-control' || reason === this.#lastInputBlocked) return;
    this.#lastInputBlocked = reason;
    await this.sendQuietly({ type: 'input-blocked', reason });
  }

  protected handle(message: SessionMessage): void {
    switch (message.type) {
      case 'hello':
        if (message.role !== 'viewer' || !message.versions.includes(SUPPORT_PROTOCOL_VERSION)) {
          throw new CallError(CallErrorCode.PROTOCOL, 'viewer speaks no common protocol version');
        }
        return;
      case 'frame-ack':
        if (this.#inFlight.delete(message.frameId) && this.canSendFrame) this.emit('room-to-send', undefined);
        return;
      case 'control-request':
        if (this.life.state !== 'active-view') return; // already granted, or not yet consented: nothing to ask
        if (!this.#canControl) {
          void this.sendQuietly({ type: 'control-revoke' });
          return;
        }
        this.#controlRequested = true;
        this.emit('control-requested', undefined);
        return;
      case 'control-revoke':
        this.#controlRequested = false;
        if (this.life.state === 'active-control') this.#endControl();
        return;
      case 'pointer':
      case 'key':
        if (this.#gate.admit(message).pass) this.emit('input', message);
        return;
      default:
        throw unexpected(message, this.life.state);
    }
  }

  #endControl(): void {
    this.#gate.revoke();
    this.life.transition('active-view');
    this.emit('control', false);
  }

  protected onEnding(): void {
    this.#controlRequested = false;
    if (this.#gate.controlGranted) {
      this.#gate.revoke();
      this.emit('control', false);
    }
  }
}

/**
 * Creates the guest's side of a call. Call `start()` once the relay has paired the guest.
 *
 * @param options - see {@link GuestCallOptions}
 * @returns the call
 * @throws `CallError` `CALL_INVALID_ARGUMENT` for bad options
 *
 * @example
 * ```ts
 * const { call } = attachCall('guest', channel, (send) =>
 *   createGuestCall({ sessionId, screen: { width, height }, canControl: true, send }),
 * );
 * call.on('security-code', (code) => askCustomer(code).then((yes) => (yes ? call.confirm() : call.refuse())));
 * call.on('room-to-send', () => call.sendFrame(encoder.encode(capture())));
 * call.on('input', (event) => desktop.apply(event));
 * call.start();
 * ```
 */
export function createGuestCall(options: GuestCallOptions): GuestCall {
  return new GuestCallImpl(options);
}
