import { CallError, CallErrorCode, CallProtocolError } from '../errors';
import { BigEndianReader } from './byte-reader';
import { BigEndianWriter } from './byte-writer';
import type { PayloadCodec } from './codecs/codec-shape';
import { consentCodec } from './codecs/consent';
import { cursorCodec } from './codecs/cursor';
import { controlGrantCodec, controlRequestCodec, controlRevokeCodec } from './codecs/empty';
import { helloCodec } from './codecs/hello';
import { keyCodec } from './codecs/key';
import { pointerCodec } from './codecs/pointer';
import { endCodec, frameAckCodec, inputBlockedCodec, pingCodec, pongCodec } from './codecs/scalar';
import { screenUpdateCodec } from './codecs/screen-update';
import { tooLarge } from './fields';
import { type ProtocolLimits, resolveLimits } from './limits';
import { MESSAGE_TYPES, type MessageTypeName, messageTypeName } from './message-types';
import type { SessionMessage } from './messages';

type CodecTable = { [K in MessageTypeName]: PayloadCodec<Extract<SessionMessage, { type: K }>> };

const CODECS: CodecTable = {
  hello: helloCodec,
  consent: consentCodec,
  'control-request': controlRequestCodec,
  'control-grant': controlGrantCodec,
  'control-revoke': controlRevokeCodec,
  'screen-update': screenUpdateCodec,
  cursor: cursorCodec,
  pointer: pointerCodec,
  key: keyCodec,
  'frame-ack': frameAckCodec,
  ping: pingCodec,
  pong: pongCodec,
  end: endCodec,
  'input-blocked': inputBlockedCodec,
};

function codecFor(type: MessageTypeName): PayloadCodec<SessionMessage> {
  return CODECS[type] as PayloadCodec<SessionMessage>;
}

/**
 * Gives the buffer {@link encodeMessage} writes into.
 *
 * @param length - the exact encoded length
 * @returns a Uint8Array of exactly `length` bytes
 */
export type MessageAllocator = (length: number) => Uint8Array;

/**
 * Encodes a support-protocol message: one type byte (see {@link MESSAGE_TYPES}), then the
 * payload, integers big-endian.
 *
 * @param message - the message
 * @param limits - size limits (defaults: {@link DEFAULT_PROTOCOL_LIMITS})
 * @param allocate - gives the buffer to encode into, called once with the exact length after the
 *   message was checked; every byte of it is overwritten. The default is a new `Uint8Array`;
 *   the secure link passes the plaintext area of a pooled seal buffer.
 * @returns the encoded bytes (what `allocate` returned)
 * @throws `CallProtocolError` `CALL_MESSAGE_UNKNOWN_TYPE`, `CALL_MESSAGE_INVALID_FIELD`
 *   or `CALL_MESSAGE_TOO_LARGE` for a message that could not be decoded by the other side;
 *   `CallError` `CALL_INVALID_ARGUMENT` if `allocate` returns anything but a
 *   Uint8Array of the requested length
 *
 * @example
 * ```ts
 * const bytes = encodeMessage({ type: 'frame-ack', frameId: 42 });
 * decodeMessage(bytes); // { type: 'frame-ack', frameId: 42 }
 * ```
 */
export function encodeMessage(
  message: SessionMessage,
  limits?: ProtocolLimits,
  allocate: MessageAllocator = (length) => new Uint8Array(length),
): Uint8Array {
  const resolved = resolveLimits(limits);
  const type = message?.type;
  if (typeof type !== 'string' || !Object.hasOwn(MESSAGE_TYPES, type)) {
    throw new CallProtocolError(CallErrorCode.MESSAGE_UNKNOWN_TYPE, `unknown message type ${String(type)}`);
  }
  const codec = codecFor(type);
  const size = 1 + codec.size(message, resolved);
  if (size > resolved.maxMessageBytes) tooLarge(type, size, resolved.maxMessageBytes);
  const target = allocate(size);
  if (!(target instanceof Uint8Array) || target.length !== size) {
    throw new CallError(CallErrorCode.INVALID_ARGUMENT, `allocate must return a Uint8Array of ${size} bytes`);
  }
  const writer = new BigEndianWriter(target);
  writer.u8(MESSAGE_TYPES[type].id);
  codec.write(writer, message);
  if (writer.written !== size) throw new RangeError(`${type} codec wrote ${writer.written} of ${size} bytes`);
  return target;
}

/**
 * Decodes a support-protocol message. Any byte string yields a message or a
 * `CallProtocolError`; nothing is allocated beyond the limits. Byte fields
 * (`screen-update.data`, `cursor.image.rgba`) are views into `bytes`, not copies.
 *
 * @param bytes - one whole message as received from the channel
 * @param limits - size limits (defaults: {@link DEFAULT_PROTOCOL_LIMITS})
 * @returns the message
 * @throws `CallProtocolError` `CALL_MESSAGE_TRUNCATED`, `CALL_MESSAGE_TOO_LARGE`,
 *   `CALL_MESSAGE_UNKNOWN_TYPE`, `CALL_MESSAGE_INVALID_FIELD` or `CALL_MESSAGE_TRAILING_BYTES`;
 *   `CallError` `CALL_INVALID_ARGUMENT` if `bytes` is not a Uint8Array
 */
export function decodeMessage(bytes: Uint8Array, limits?: ProtocolLimits): SessionMessage {
  if (!(bytes instanceof Uint8Array)) {
    throw new CallError(CallErrorCode.INVALID_ARGUMENT, 'decodeMessage expects a Uint8Array');
  }
  const resolved = resolveLimits(limits);
  if (bytes.length > resolved.maxMessageBytes) tooLarge('message', bytes.length, resolved.maxMessageBytes);
  const reader = new BigEndianReader(bytes);
  const id = reader.u8('type');
  const type = messageTypeName(id);
  if (type === undefined) {
    throw new CallProtocolError(CallErrorCode.MESSAGE_UNKNOWN_TYPE, `unknown message type ${id}`);
  }
  const message = codecFor(type).read(reader, resolved);
  reader.end(type);
  return message;
}
