import { checkInt, invalidField, U32 } from '../fields';
import { END_REASON_CODES, INPUT_BLOCKED_REASON_CODES } from '../message-types';
import type { EndMessage, FrameAckMessage, InputBlockedMessage, PingMessage, PongMessage } from '../messages';
import type { PayloadCodec } from './codec-shape';

type IdMessage = PingMessage | PongMessage;

function idCodec<M extends IdMessage>(type: M['type']): PayloadCodec<M> {
  return {
    size(message) {
      checkInt(message.id, 0, U32, `${type}.id`);
      return 4;
    },
    write: (writer, message) => void writer.u32(message.id),
    read: (reader) => ({ type, id: reader.u32(`${type}.id`) }) as M,
  };
}

/** `ping`: id u32. */
export const pingCodec = idCodec<PingMessage>('ping');
/** `pong`: id u32. */
export const pongCodec = idCodec<PongMessage>('pong');

/** `frame-ack`: frameId u32. */
export const frameAckCodec: PayloadCodec<FrameAckMessage> = {
  size(message) {
    checkInt(message.frameId, 0, U32, 'frame-ack.frameId');
    return 4;
  },
  write: (writer, message) => void writer.u32(message.frameId),
  read: (reader) => ({ type: 'frame-ack', frameId: reader.u32('frame-ack.frameId') }),
};

type ReasonMessage = EndMessage | InputBlockedMessage;

/** A message whose only field is `reason` u8, one code per reason from a table that never reuses codes. */
function reasonCodec<M extends ReasonMessage>(
  type: M['type'],
  codes: Readonly<Record<M['reason'], number>>,
  what: string,
): PayloadCodec<M> {
  const field = `${type}.reason`;
  const reasonByCode = new Map<number, M['reason']>(
    (Object.entries(codes) as [M['reason'], number][]).map(([reason, code]) => [code, reason]),
  );
  return {
    size(message) {
      if (typeof message.reason !== 'string' || !Object.hasOwn(codes, message.reason)) {
        invalidField(field, `unknown ${what}`);
      }
      return 1;
    },
    write: (writer, message) => void writer.u8(codes[message.reason as M['reason']]),
    read(reader) {
      const reason = reasonByCode.get(reader.u8(field));
      if (reason === undefined) invalidField(field, `unknown ${what} code`);
      return { type, reason } as M;
    },
  };
}

/** `end`: reason u8 (see END_REASON_CODES). */
export const endCodec = reasonCodec<EndMessage>('end', END_REASON_CODES, 'end reason');
/** `input-blocked`: reason u8 (see INPUT_BLOCKED_REASON_CODES). */
export const inputBlockedCodec = reasonCodec<InputBlockedMessage>(
  'input-blocked',
  INPUT_BLOCKED_REASON_CODES,
  'input-blocked reason',
);
