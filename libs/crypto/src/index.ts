/**
 * @packageDocumentation
 * `@fernhilfe/crypto` — the end-to-end channel between guest and viewer.
 *
 * A `Noise_NN_25519_ChaChaPoly_SHA256` handshake (Noise rev 34) in which the guest first
 * commits to its ephemeral key, a 6-digit security code from the handshake hash that the
 * two people compare by voice, and a transport with per-direction counter nonces, rekey and
 * an authenticated close. Pure TypeScript, no I/O: bytes in, bytes out. In Node the
 * transport uses `node:crypto`'s ChaCha20-Poly1305, in browsers `@noble/ciphers`.
 *
 * @example
 * ```ts
 * import { createGuestHandshake, createViewerHandshake } from '@fernhilfe/crypto';
 *
 * const guest = createGuestHandshake({ sessionId: '12345678' });
 * const viewer = createViewerHandshake({ sessionId: '12345678' });
 *
 * const commitment = guest.commit();              // guest → viewer
 * const viewerHello = viewer.start(commitment);   // viewer → guest
 * const g = guest.respond(viewerHello);           // guest → viewer: g.reply
 * const v = viewer.finish(g.reply);
 * // both show g.securityCode === v.securityCode, e.g. "482 915"
 *
 * const frame = v.channel.seal(new TextEncoder().encode('hello'));
 * const message = g.channel.open(frame);          // { kind: 'data', plaintext }
 * ```
 */
export type { ChannelMessage, SecureChannel } from './channel';
export { splitIntoChunks } from './chunks';
export { ChannelError, CryptoError, CryptoErrorCode, HandshakeError } from './errors';
export {
  createGuestHandshake,
  type GuestHandshake,
  type GuestHandshakeOptions,
  type GuestHandshakeStep,
} from './guest-handshake';
export type { HandshakeOptions } from './handshake-options';
export type { GuestHandshakeResult, HandshakeResult } from './handshake-result';
export { MAX_FRAME_LENGTH, MAX_PLAINTEXT_LENGTH, REKEY_INTERVAL_MESSAGES } from './limits';
export { createSealBuffer, SEAL_OVERHEAD, sealBufferPlaintext } from './seal-buffer';
export {
  createSealBufferPool,
  type SealBufferLease,
  type SealBufferPool,
  type SealBufferPoolOptions,
} from './seal-buffer-pool';
export {
  createViewerHandshake,
  type ViewerHandshake,
  type ViewerHandshakeOptions,
  type ViewerHandshakeStep,
} from './viewer-handshake';
export { FrameKind, PROTOCOL_VERSION } from './wire';
