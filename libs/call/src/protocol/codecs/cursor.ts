import { checkBytes, checkInt, flagFromByte, I32_MAX, I32_MIN, invalidField, tooLarge, U16 } from '../fields';
import type { ProtocolLimits } from '../limits';
import type { CursorImage, CursorMessage } from '../messages';
import type { PayloadCodec } from './codec-shape';

function checkImage(image: CursorImage, limits: Required<ProtocolLimits>): number {
  if (typeof image !== 'object' || image === null) invalidField('cursor.image', 'must be an object or undefined');
  const width = checkInt(image.width, 1, U16, 'cursor.image.width');
  const height = checkInt(image.height, 1, U16, 'cursor.image.height');
  if (width > limits.maxCursorSize) tooLarge('cursor.image.width', width, limits.maxCursorSize);
  if (height > limits.maxCursorSize) tooLarge('cursor.image.height', height, limits.maxCursorSize);
  checkInt(image.hotspotX, 0, width - 1, 'cursor.image.hotspotX');
  checkInt(image.hotspotY, 0, height - 1, 'cursor.image.hotspotY');
  const expected = width * height * 4;
  if (checkBytes(image.rgba, expected, 'cursor.image.rgba').length !== expected) {
    invalidField('cursor.image.rgba', 'must hold width × height × 4 bytes');
  }
  return 8 + expected;
}

/** `cursor`: shapeId u16, x i32, y i32, image flag u8, then optionally w, h, hotspot x/y (u16) and RGBA. */
export const cursorCodec: PayloadCodec<CursorMessage> = {
  size(message, limits) {
    checkInt(message.shapeId, 0, U16, 'cursor.shapeId');
    checkInt(message.x, I32_MIN, I32_MAX, 'cursor.x');
    checkInt(message.y, I32_MIN, I32_MAX, 'cursor.y');
    return 11 + (message.image === undefined ? 0 : checkImage(message.image, limits));
  },
  write(writer, message) {
    writer.u16(message.shapeId).i32(message.x).i32(message.y);
    const image = message.image;
    if (image === undefined) {
      writer.u8(0);
      return;
    }
    writer.u8(1).u16(image.width).u16(image.height).u16(image.hotspotX).u16(image.hotspotY).raw(image.rgba);
  },
  read(reader, limits) {
    const shapeId = reader.u16('cursor.shapeId');
    const x = reader.i32('cursor.x');
    const y = reader.i32('cursor.y');
    if (!flagFromByte(reader.u8('cursor.image'), 'cursor.image')) return { type: 'cursor', shapeId, x, y };
    const width = reader.u16('cursor.image.width');
    const height = reader.u16('cursor.image.height');
    if (width === 0 || height === 0) invalidField('cursor.image', 'width and height must be ≥ 1');
    if (width > limits.maxCursorSize) tooLarge('cursor.image.width', width, limits.maxCursorSize);
    if (height > limits.maxCursorSize) tooLarge('cursor.image.height', height, limits.maxCursorSize);
    const hotspotX = reader.u16('cursor.image.hotspotX');
    const hotspotY = reader.u16('cursor.image.hotspotY');
    if (hotspotX >= width || hotspotY >= height) invalidField('cursor.image.hotspot', 'must lie inside the image');
    const rgba = reader.bytesView(width * height * 4, 'cursor.image.rgba');
    return { type: 'cursor', shapeId, x, y, image: { width, height, hotspotX, hotspotY, rgba } };
  },
};
