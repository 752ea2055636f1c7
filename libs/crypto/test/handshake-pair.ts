import { createSecureChannel, type SecureChannel } from '../src/channel';
import {
  createGuestHandshake,
  createViewerHandshake,
  type GuestHandshakeResult,
  type HandshakeResult,
} from '../src/index';
import { HandshakeState } from '../src/noise/handshake-state';

/** Runs the whole Fernhilfe handshake between an honest guest and viewer. */
export function connect(sessionId = '12345678'): { guest: GuestHandshakeResult; viewer: HandshakeResult } {
  const guestSide = createGuestHandshake({ sessionId });
  const viewerSide = createViewerHandshake({ sessionId });
  const viewerHello = viewerSide.start(guestSide.commit());
  const guest = guestSide.respond(viewerHello);
  const viewer = viewerSide.finish(guest.reply);
  return { guest, viewer };
}

/** Two channels over a plain Noise NN handshake, with test tuning (e.g. a short rekey interval). */
export function channelPair(
  rekeyIntervalMessages?: number,
  responderRekeyIntervalMessages = rekeyIntervalMessages,
): { initiator: SecureChannel; responder: SecureChannel } {
  const initiator = new HandshakeState({ pattern: 'NN', initiator: true, prologue: new Uint8Array(0) });
  const responder = new HandshakeState({ pattern: 'NN', initiator: false, prologue: new Uint8Array(0) });
  responder.readMessage(initiator.writeMessage(new Uint8Array(0)));
  initiator.readMessage(responder.writeMessage(new Uint8Array(0)));
  return {
    initiator: createSecureChannel(initiator.split(), { rekeyIntervalMessages }),
    responder: createSecureChannel(responder.split(), { rekeyIntervalMessages: responderRekeyIntervalMessages }),
  };
}

/** Runs `action` and returns the `code` of the error it throws (fails if it throws something else). */
export function codeOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (error instanceof Error && 'code' in error && typeof error.code === 'string') return error.code;
    throw error;
  }
  throw new Error('expected a CryptoError, nothing was thrown');
}
