import type { LittleEndianWriter } from './byte-writer';
import type { Rect } from './types';

/** Writes the prefix every op starts with (see `OP_RECT_FIELDS`): type, then x, y, w, h as u16. */
export function writeOpRect(out: LittleEndianWriter, type: number, rect: Rect): void {
  out.u8(type);
  out.u16(rect.x);
  out.u16(rect.y);
  out.u16(rect.width);
  out.u16(rect.height);
}
