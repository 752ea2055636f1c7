import { isBytes } from '@noble/hashes/utils.js';
import { type ChannelError, CryptoErrorCode, HandshakeError } from './errors';

/** Version byte at the start of every handshake message and transport frame. */
export const PROTOCOL_VERSION = 1;

/**
 * Kind byte after the version: the wire format of the channel as data. Numbers are never
 * reused; see the channel section of `docs/protocol.md`.
 */
export const FrameKind = {
  /** guest → viewer: `SHA-256("fernhilfe/commit/v1" ‖ e_guest.pub)`, 32 bytes. */
  COMMITMENT: 0x01,
  /** viewer → guest: Noise NN message 1 (`e`), 32 bytes. */
  VIEWER_HELLO: 0x02,
  /** guest → viewer: Noise NN message 2 (`e, ee` + empty encrypted payload), 48 bytes. */
  GUEST_HELLO: 0x03,
  /** either way: application data, ChaCha20-Poly1305 ciphertext ‖ tag. */
  DATA: 0x10,
  /** either way: the sender rekeys its sending key right after this frame. */
  REKEY: 0x11,
  /** either way: authenticated end of the sender's direction. */
  CLOSE: 0x12,
} as const;

/** One of the kind bytes in {@link FrameKind}. */
export type FrameKind = (typeof FrameKind)[keyof typeof FrameKind];

/** Bytes before the body of every message: version, kind. */
export const HEADER_LENGTH = 2;

const KNOWN_KINDS: ReadonlySet<number> = new Set(Object.values(FrameKind));

type ErrorClass = typeof HandshakeError | typeof ChannelError;

/** A parsed header: the kind byte and the bytes after the header (a view, not a copy). */
export interface ParsedFrame {
  kind: FrameKind;
  header: Uint8Array;
  body: Uint8Array;
}

/** Builds version ‖ kind ‖ body. */
export function encodeFrame(kind: FrameKind, body: Uint8Array): Uint8Array {
  const frame = new Uint8Array(HEADER_LENGTH + body.length);
  writeFrameHeader(frame, kind);
  frame.set(body, HEADER_LENGTH);
  return frame;
}

/** Writes version ‖ kind into the first two bytes of `frame` and returns them as a view. */
export function writeFrameHeader(frame: Uint8Array, kind: FrameKind): Uint8Array {
  frame[0] = PROTOCOL_VERSION;
  frame[1] = kind;
  return frame.subarray(0, HEADER_LENGTH);
}

/**
 * Splits a message into header and body, checking type, version and kind.
 *
 * @throws `CRYPTO_INVALID_ARGUMENT`, `CRYPTO_MALFORMED_MESSAGE`, `CRYPTO_UNSUPPORTED_VERSION`
 */
export function parseFrame(frame: unknown, Failure: ErrorClass): ParsedFrame {
  if (!isBytes(frame)) throw new Failure(CryptoErrorCode.INVALID_ARGUMENT, 'message must be a Uint8Array');
  if (frame.length < HEADER_LENGTH)
    throw new Failure(CryptoErrorCode.MALFORMED_MESSAGE, 'message shorter than its header');
  if (frame[0] !== PROTOCOL_VERSION) throw new Failure(CryptoErrorCode.UNSUPPORTED_VERSION, 'unknown protocol version');
  const kind = frame[1] as number;
  if (!KNOWN_KINDS.has(kind)) throw new Failure(CryptoErrorCode.MALFORMED_MESSAGE, 'unknown message kind');
  return { kind: kind as FrameKind, header: frame.subarray(0, HEADER_LENGTH), body: frame.subarray(HEADER_LENGTH) };
}

/**
 * Parses a handshake message that must be of `expected` kind with a body of `bodyLength` bytes.
 *
 * @throws `CRYPTO_OUT_OF_ORDER` for a known kind that is not expected now, plus those of {@link parseFrame}
 */
export function parseHandshakeFrame(frame: unknown, expected: FrameKind, bodyLength: number): Uint8Array {
  const parsed = parseFrame(frame, HandshakeError);
  if (parsed.kind !== expected) throw new HandshakeError(CryptoErrorCode.OUT_OF_ORDER, 'unexpected message kind');
  if (parsed.body.length !== bodyLength) {
    throw new HandshakeError(CryptoErrorCode.MALFORMED_MESSAGE, 'handshake message has the wrong length');
  }
  return parsed.body;
}
