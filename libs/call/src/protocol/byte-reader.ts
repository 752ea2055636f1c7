import { CallErrorCode, CallProtocolError } from '../errors';

/** Reads big-endian fields from a message, failing with `CALL_MESSAGE_TRUNCATED` past its end. */
export class BigEndianReader {
  readonly #view: DataView;
  #offset = 0;

  readonly #bytes: Uint8Array;

  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  #need(count: number, field: string): number {
    const at = this.#offset;
    if (count > this.#bytes.length - at) {
      throw new CallProtocolError(CallErrorCode.MESSAGE_TRUNCATED, `message ends inside ${field}`);
    }
    this.#offset = at + count;
    return at;
  }

  u8(field: string): number {
    return this.#view.getUint8(this.#need(1, field));
  }

  u16(field: string): number {
    return this.#view.getUint16(this.#need(2, field));
  }

  u32(field: string): number {
    return this.#view.getUint32(this.#need(4, field));
  }

  i16(field: string): number {
    return this.#view.getInt16(this.#need(2, field));
  }

  i32(field: string): number {
    return this.#view.getInt32(this.#need(4, field));
  }

  /** A view (no copy) of the next `count` bytes. */
  bytesView(count: number, field: string): Uint8Array {
    const at = this.#need(count, field);
    return this.#bytes.subarray(at, at + count);
  }

  /** Fails with `CALL_MESSAGE_TRAILING_BYTES` if anything is left. */
  end(type: string): void {
    if (this.#offset !== this.#bytes.length) {
      throw new CallProtocolError(
        CallErrorCode.MESSAGE_TRAILING_BYTES,
        `${this.#bytes.length - this.#offset} bytes after ${type}`,
      );
    }
  }
}
