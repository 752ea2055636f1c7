import { checkBytes, checkInt, invalidField, tooLarge, U16, U32 } from '../fields';
import type { ScreenUpdateMessage } from '../messages';
import type { PayloadCodec } from './codec-shape';

/** `screen-update`: frameId u32, chunkIndex u16, chunkCount u16, data (u32 length + bytes). */
export const screenUpdateCodec: PayloadCodec<ScreenUpdateMessage> = {
  size(message, limits) {
    checkInt(message.frameId, 0, U32, 'screen-update.frameId');
    const count = checkInt(message.chunkCount, 1, U16, 'screen-update.chunkCount');
    checkInt(message.chunkIndex, 0, count - 1, 'screen-update.chunkIndex');
    return 12 + checkBytes(message.data, limits.maxChunkBytes, 'screen-update.data').length;
  },
  write(writer, message) {
    writer
      .u32(message.frameId)
      .u16(message.chunkIndex)
      .u16(message.chunkCount)
      .u32(message.data.length)
      .raw(message.data);
  },
  read(reader, limits) {
    const frameId = reader.u32('screen-update.frameId');
    const chunkIndex = reader.u16('screen-update.chunkIndex');
    const chunkCount = reader.u16('screen-update.chunkCount');
    if (chunkCount === 0) invalidField('screen-update.chunkCount', 'must be ≥ 1');
    if (chunkIndex >= chunkCount) invalidField('screen-update.chunkIndex', 'must be < chunkCount');
    const length = reader.u32('screen-update.data');
    if (length > limits.maxChunkBytes) tooLarge('screen-update.data', length, limits.maxChunkBytes);
    const data = reader.bytesView(length, 'screen-update.data');
    return { type: 'screen-update', frameId, chunkIndex, chunkCount, data };
  },
};
