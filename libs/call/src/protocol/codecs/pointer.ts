import { checkInt, I16_MAX, I16_MIN, invalidField, U16 } from '../fields';
import type { PointerMessage } from '../messages';
import type { PayloadCodec } from './codec-shape';

const ALL_BUTTONS = 0x1f;

/** `pointer`: x u16, y u16, buttons u8 (bits 0–4), wheelX i16, wheelY i16. */
export const pointerCodec: PayloadCodec<PointerMessage> = {
  size(message) {
    checkInt(message.x, 0, U16, 'pointer.x');
    checkInt(message.y, 0, U16, 'pointer.y');
    checkInt(message.buttons, 0, ALL_BUTTONS, 'pointer.buttons');
    checkInt(message.wheelX, I16_MIN, I16_MAX, 'pointer.wheelX');
    checkInt(message.wheelY, I16_MIN, I16_MAX, 'pointer.wheelY');
    return 9;
  },
  write(writer, message) {
    writer.u16(message.x).u16(message.y).u8(message.buttons).i16(message.wheelX).i16(message.wheelY);
  },
  read(reader) {
    const x = reader.u16('pointer.x');
    const y = reader.u16('pointer.y');
    const buttons = reader.u8('pointer.buttons');
    if (buttons & ~ALL_BUTTONS) invalidField('pointer.buttons', 'unknown button bits');
    const wheelX = reader.i16('pointer.wheelX');
    const wheelY = reader.i16('pointer.wheelY');
    return { type: 'pointer', x, y, buttons, wheelX, wheelY };
  },
};
