import { deflateBackend } from '#deflate';
import { LittleEndianWriter } from './byte-writer';
import { HEADER_LENGTH } from './format';
import { writeHeader } from './header';

/** Bodies up to this size are deflated at level 6, larger ones at level 1 (a few % more bytes, 2–5× faster). */
const SMALL_BODY = 64 * 1024;

/** What the header of an update says besides the body's length and compression. */
export interface UpdateShape {
  keyframe: boolean;
  width: number;
  height: number;
  copyCount: number;
  opCount: number;
}

/**
 * Puts header and body together into one update, deflating the body when that makes it smaller.
 *
 * @param body - the ops, back to back
 * @param level - deflate level, or `'auto'` (6 for small bodies, 1 for large ones)
 * @param shape - the header fields
 * @returns the update message
 */
export function packUpdate(body: Uint8Array, level: number | 'auto', shape: UpdateShape): Uint8Array {
  const chosenLevel = level === 'auto' ? (body.length <= SMALL_BODY ? 6 : 1) : level;
  const packed = body.length > 32 && chosenLevel > 0 ? deflateBackend.deflateRaw(body, chosenLevel) : undefined;
  const deflated = packed !== undefined && packed.length < body.length;
  const payload = deflated ? packed : body;
  const header = new LittleEndianWriter(HEADER_LENGTH);
  writeHeader(header, { ...shape, deflated, bodyLength: body.length });
  const update = new Uint8Array(HEADER_LENGTH + payload.length);
  update.set(header.view());
  update.set(payload, HEADER_LENGTH);
  return update;
}
