import { LittleEndianReader } from './byte-reader';
import type { LittleEndianWriter } from './byte-writer';
import { CodecError, CodecErrorCode } from './errors';
import { FORMAT_VERSION, HEADER_FLAGS, HEADER_LENGTH, KNOWN_FLAG_BITS, MAGIC } from './format';

/** The fixed update header (see `HEADER_FIELDS`). */
export interface UpdateHeader {
  keyframe: boolean;
  deflated: boolean;
  width: number;
  height: number;
  copyCount: number;
  opCount: number;
  bodyLength: number;
}

/** Writes the header at the writer's current position. */
export function writeHeader(out: LittleEndianWriter, header: UpdateHeader): void {
  out.u8(MAGIC[0]);
  out.u8(MAGIC[1]);
  out.u8(FORMAT_VERSION);
  out.u8((header.keyframe ? HEADER_FLAGS.keyframe.bit : 0) | (header.deflated ? HEADER_FLAGS.deflated.bit : 0));
  out.u16(header.width);
  out.u16(header.height);
  out.u16(header.copyCount);
  out.u32(header.opCount);
  out.u32(header.bodyLength);
}

/** Parses and checks the header's own fields (limits are checked by the decoder). */
export function readHeader(update: Uint8Array): UpdateHeader {
  if (update.length < HEADER_LENGTH) throw new CodecError(CodecErrorCode.TRUNCATED, 'update shorter than its header');
  const input = new LittleEndianReader(update);
  if (input.u8('magic') !== MAGIC[0] || input.u8('magic') !== MAGIC[1]) {
    throw new CodecError(CodecErrorCode.BAD_HEADER, 'not a codec update (bad magic)');
  }
  const version = input.u8('version');
  if (version !== FORMAT_VERSION) {
    throw new CodecError(CodecErrorCode.UNSUPPORTED_VERSION, `format version ${version} is not supported`);
  }
  const flags = input.u8('flags');
  if ((flags & ~KNOWN_FLAG_BITS) !== 0) throw new CodecError(CodecErrorCode.BAD_HEADER, `unknown flags ${flags}`);
  const width = input.u16('width');
  const height = input.u16('height');
  if (width === 0 || height === 0) throw new CodecError(CodecErrorCode.BAD_HEADER, 'empty frame');
  const copyCount = input.u16('copy count');
  const opCount = input.u32('op count');
  const bodyLength = input.u32('body length');
  if (copyCount > opCount) throw new CodecError(CodecErrorCode.BAD_HEADER, 'more copies than ops');
  return {
    keyframe: (flags & HEADER_FLAGS.keyframe.bit) !== 0,
    deflated: (flags & HEADER_FLAGS.deflated.bit) !== 0,
    width,
    height,
    copyCount,
    opCount,
    bodyLength,
  };
}
