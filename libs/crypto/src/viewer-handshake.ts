import { createSecureChannel } from './channel';
import { COMMITMENT_LENGTH, opensCommitment } from './commitment';
import { CryptoErrorCode, HandshakeError } from './errors';
import { type HandshakeOptions, resolveProtocolVersion } from './handshake-options';
import type { HandshakeResult } from './handshake-result';
import { DH_LENGTH } from './noise/dh';
import { HandshakeState } from './noise/handshake-state';
import { buildPrologue, encodeSessionId } from './prologue';
import { deriveSecurityCode } from './security-code';
import { StepTracker } from './step-tracker';
import { encodeFrame, FrameKind, parseHandshakeFrame } from './wire';

/** Options of {@link createViewerHandshake}. */
export type ViewerHandshakeOptions = HandshakeOptions;

/** Where a viewer handshake stands. */
export type ViewerHandshakeStep = 'ready' | 'hello-sent' | 'done' | 'failed';

/**
 * The viewer's side of the Fernhilfe handshake (Noise NN initiator). Pass the guest's
 * commitment to {@link ViewerHandshake.start} once and send the hello it returns; pass the
 * guest's reply to {@link ViewerHandshake.finish} once. Any error ends the handshake.
 */
export interface ViewerHandshake {
  /** Where the handshake stands. */
  readonly step: ViewerHandshakeStep;
  /**
   * Reads the guest's commitment and starts Noise NN with it bound into the prologue.
   *
   * @param commitment - the guest's commitment message (34 bytes)
   * @returns the viewer hello to send to the guest (34 bytes)
   * @throws {@link HandshakeError} `CRYPTO_HANDSHAKE_STATE` unless the step is `ready`,
   *   `CRYPTO_MALFORMED_MESSAGE`, `CRYPTO_OUT_OF_ORDER`, `CRYPTO_UNSUPPORTED_VERSION`, `CRYPTO_INVALID_ARGUMENT`
   */
  start(commitment: Uint8Array): Uint8Array;
  /**
   * Reads the guest's reply, checks that its ephemeral key opens the commitment, and
   * finishes the handshake.
   *
   * @param guestHello - the guest's reply (50 bytes)
   * @returns the channel and the security code
   * @throws {@link HandshakeError} `CRYPTO_BAD_COMMITMENT`, `CRYPTO_LOW_ORDER_KEY`,
   *   `CRYPTO_DECRYPT_FAILED`, `CRYPTO_HANDSHAKE_STATE` unless the step is `hello-sent`,
   *   `CRYPTO_MALFORMED_MESSAGE`, `CRYPTO_OUT_OF_ORDER`, `CRYPTO_UNSUPPORTED_VERSION`, `CRYPTO_INVALID_ARGUMENT`
   */
  finish(guestHello: Uint8Array): HandshakeResult;
}

const GUEST_HELLO_LENGTH = 48;

/**
 * Starts the viewer's side of the handshake.
 *
 * @param options - session id from the relay, optional protocol version
 * @returns a single-use handshake state machine
 * @throws {@link HandshakeError} `CRYPTO_INVALID_ARGUMENT`, `CRYPTO_UNSUPPORTED_VERSION`
 */
export function createViewerHandshake(options: ViewerHandshakeOptions): ViewerHandshake {
  const sessionId = encodeSessionId(options?.sessionId);
  const protocolVersion = resolveProtocolVersion(options?.protocolVersion);
  return Object.freeze(new Viewer(sessionId, protocolVersion));
}

class Viewer implements ViewerHandshake {
  readonly #sessionId: Uint8Array;
  readonly #protocolVersion: number;
  readonly #steps = new StepTracker<Exclude<ViewerHandshakeStep, 'failed'>>('ready');
  #noise: HandshakeState | undefined;
  #commitment: Uint8Array | undefined;

  constructor(sessionId: Uint8Array, protocolVersion: number) {
    this.#sessionId = sessionId;
    this.#protocolVersion = protocolVersion;
  }

  get step(): ViewerHandshakeStep {
    return this.#steps.step;
  }

  start(commitment: Uint8Array): Uint8Array {
    return this.#steps.advance('ready', 'hello-sent', () => {
      const committed = parseHandshakeFrame(commitment, FrameKind.COMMITMENT, COMMITMENT_LENGTH).slice();
      this.#commitment = committed;
      this.#noise = new HandshakeState({
        pattern: 'NN',
        initiator: true,
        prologue: buildPrologue(this.#protocolVersion, this.#sessionId, committed),
      });
      return encodeFrame(FrameKind.VIEWER_HELLO, this.#noise.writeMessage(new Uint8Array(0)));
    });
  }

  finish(guestHello: Uint8Array): HandshakeResult {
    return this.#steps.advance('hello-sent', 'done', () => {
      const body = parseHandshakeFrame(guestHello, FrameKind.GUEST_HELLO, GUEST_HELLO_LENGTH);
      if (!opensCommitment(this.#commitment as Uint8Array, body.subarray(0, DH_LENGTH))) {
        throw new HandshakeError(CryptoErrorCode.BAD_COMMITMENT, "guest's key does not match its commitment");
      }
      const noise = this.#noise as HandshakeState;
      noise.readMessage(body);
      const securityCode = deriveSecurityCode(noise.handshakeHash);
      const channel = createSecureChannel(noise.split());
      this.#noise = undefined;
      return Object.freeze({ channel, securityCode });
    });
  }
}
