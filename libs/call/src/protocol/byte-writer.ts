/** Writes big-endian fields into a buffer of a size computed beforehand. */
export class BigEndianWriter {
  readonly bytes: Uint8Array;
  readonly #view: DataView;
  #offset = 0;

  /** @param bytes - the buffer to fill, possibly a view into a larger one */
  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Bytes written so far. */
  get written(): number {
    return this.#offset;
  }

  u8(value: number): this {
    this.#view.setUint8(this.#offset, value);
    this.#offset += 1;
    return this;
  }

  u16(value: number): this {
    this.#view.setUint16(this.#offset, value);
    this.#offset += 2;
    return this;
  }

  u32(value: number): this {
    this.#view.setUint32(this.#offset, value);
    this.#offset += 4;
    return this;
  }

  i16(value: number): this {
    this.#view.setInt16(this.#offset, value);
    this.#offset += 2;
    return this;
  }

  i32(value: number): this {
    this.#view.setInt32(this.#offset, value);
    this.#offset += 4;
    return this;
  }

  /** Writes a string already checked to be ASCII, one byte per character. */
  ascii(value: string): this {
    for (let i = 0; i < value.length; i++) this.bytes[this.#offset + i] = value.charCodeAt(i);
    this.#offset += value.length;
    return this;
  }

  raw(value: Uint8Array): this {
    this.bytes.set(value, this.#offset);
    this.#offset += value.length;
    return this;
  }
}
