import { type EndReason, isEndReason } from '@fernhilfe/session';
import { checkInt, invalidField, U32 } from '../fields';
import { END_REASON_CODES } from '../message-types';
import type { EndMessage, FrameAckMessage, PingMessage, PongMessage } from '../messages';
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

const REASON_BY_CODE = new Map<number, EndReason>(
  (Object.entries(END_REASON_CODES) as [EndReason, number][]).map(([reason, code]) => [code, reason]),
);

/** `end`: reason u8 (see END_REASON_CODES). */
export const endCodec: PayloadCodec<EndMessage> = {
  size(message) {
    if (!isEndReason(message.reason)) invalidField('end.reason', 'unknown end reason');
    return 1;
  },
  write: (writer, message) => void writer.u8(END_REASON_CODES[message.reason]),
  read(reader) {
    const reason = REASON_BY_CODE.get(reader.u8('end.reason'));
    if (reason === undefined) invalidField('end.reason', 'unknown end reason code');
    return { type: 'end', reason };
  },
};
