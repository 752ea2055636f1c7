import { CodecError, CodecErrorCode } from './errors';
import { MAX_VARINT_BYTES } from './format';

/** Bounds-checked little-endian reader over an update body; running past the end is `CODEC_TRUNCATED`. */
export class LittleEndianReader {
  pos = 0;

  constructor(readonly bytes: Uint8Array) {}

  get remaining(): number {
    return this.bytes.length - this.pos;
  }

  /** Throws unless `count` more bytes are available. */
  need(count: number, what: string): void {
    if (count > this.bytes.length - this.pos) {
      throw new CodecError(CodecErrorCode.TRUNCATED, `update ends inside ${what}`);
    }
  }

  u8(what: string): number {
    this.need(1, what);
    return this.bytes[this.pos++]!;
  }

  u16(what: string): number {
    this.need(2, what);
    const b = this.bytes;
    const value = b[this.pos]! | (b[this.pos + 1]! << 8);
    this.pos += 2;
    return value;
  }

  u32(what: string): number {
    this.need(4, what);
    const b = this.bytes;
    const p = this.pos;
    const value = (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0;
    this.pos += 4;
    return value;
  }

  /** Unsigned LEB128 of at most {@link MAX_VARINT_BYTES} bytes. */
  varint(what: string): number {
    let value = 0;
    for (let i = 0; i < MAX_VARINT_BYTES; i++) {
      const byte = this.u8(what);
      value += (byte & 0x7f) * 2 ** (7 * i);
      if (byte < 0x80) return value;
    }
    throw new CodecError(CodecErrorCode.BAD_OP, `${what}: run length longer than ${MAX_VARINT_BYTES} bytes`);
  }
}
