import { createSecureChannel } from './channel';
import { commitToKey } from './commitment';
import { type HandshakeOptions, resolveProtocolVersion } from './handshake-options';
import type { GuestHandshakeResult } from './handshake-result';
import { generateKeyPair } from './noise/dh';
import { HandshakeState } from './noise/handshake-state';
import { buildPrologue, encodeSessionId } from './prologue';
import { deriveSecurityCode } from './security-code';
import { StepTracker } from './step-tracker';
import { encodeFrame, FrameKind, parseHandshakeFrame } from './wire';

/** Options of {@link createGuestHandshake}. */
export type GuestHandshakeOptions = HandshakeOptions;

/** Where a guest handshake stands. */
export type GuestHandshakeStep = 'ready' | 'committed' | 'done' | 'failed';

/**
 * The guest's side of the Fernhilfe handshake (Noise NN responder with a key commitment).
 * Call {@link GuestHandshake.commit} once, send its message, then pass the viewer's hello
 * to {@link GuestHandshake.respond} once. Any error ends the handshake.
 */
export interface GuestHandshake {
  /** Where the handshake stands. */
  readonly step: GuestHandshakeStep;
  /**
   * Commits to the guest's fresh ephemeral key without revealing it.
   *
   * @returns the commitment message to send to the viewer (34 bytes)
   * @throws {@link HandshakeError} `CRYPTO_HANDSHAKE_STATE` unless the step is `ready`
   */
  commit(): Uint8Array;
  /**
   * Reads the viewer's hello and finishes the guest's side. Only here is the committed key revealed.
   *
   * @param viewerHello - the viewer's hello message (34 bytes)
   * @returns the reply to send, the channel and the security code
   * @throws {@link HandshakeError} `CRYPTO_HANDSHAKE_STATE` unless the step is `committed`,
   *   `CRYPTO_LOW_ORDER_KEY`, `CRYPTO_MALFORMED_MESSAGE`, `CRYPTO_OUT_OF_ORDER`,
   *   `CRYPTO_UNSUPPORTED_VERSION`, `CRYPTO_INVALID_ARGUMENT`
   */
  respond(viewerHello: Uint8Array): GuestHandshakeResult;
}

const VIEWER_HELLO_LENGTH = 32;

/**
 * Starts the guest's side of the handshake with a fresh ephemeral X25519 key.
 *
 * @param options - session id from the relay, optional protocol version
 * @returns a single-use handshake state machine
 * @throws {@link HandshakeError} `CRYPTO_INVALID_ARGUMENT`, `CRYPTO_UNSUPPORTED_VERSION`
 */
export function createGuestHandshake(options: GuestHandshakeOptions): GuestHandshake {
  const sessionId = encodeSessionId(options?.sessionId);
  const protocolVersion = resolveProtocolVersion(options?.protocolVersion);
  return Object.freeze(new Guest(sessionId, protocolVersion));
}

class Guest implements GuestHandshake {
  readonly #sessionId: Uint8Array;
  readonly #protocolVersion: number;
  readonly #steps = new StepTracker<Exclude<GuestHandshakeStep, 'failed'>>('ready');
  #noise: HandshakeState | undefined;

  constructor(sessionId: Uint8Array, protocolVersion: number) {
    this.#sessionId = sessionId;
    this.#protocolVersion = protocolVersion;
  }

  get step(): GuestHandshakeStep {
    return this.#steps.step;
  }

  commit(): Uint8Array {
    return this.#steps.advance('ready', 'committed', () => {
      const ephemeral = generateKeyPair();
      const commitment = commitToKey(ephemeral.publicKey);
      this.#noise = new HandshakeState({
        pattern: 'NN',
        initiator: false,
        prologue: buildPrologue(this.#protocolVersion, this.#sessionId, commitment),
        ephemeralKeyPair: ephemeral,
      });
      return encodeFrame(FrameKind.COMMITMENT, commitment);
    });
  }

  respond(viewerHello: Uint8Array): GuestHandshakeResult {
    return this.#steps.advance('committed', 'done', () => {
      const noise = this.#noise as HandshakeState;
      noise.readMessage(parseHandshakeFrame(viewerHello, FrameKind.VIEWER_HELLO, VIEWER_HELLO_LENGTH));
      const reply = encodeFrame(FrameKind.GUEST_HELLO, noise.writeMessage(new Uint8Array(0)));
      const securityCode = deriveSecurityCode(noise.handshakeHash);
      const channel = createSecureChannel(noise.split());
      this.#noise = undefined;
      return Object.freeze({ reply, channel, securityCode });
    });
  }
}
