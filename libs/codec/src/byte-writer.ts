/** A growable byte buffer with little-endian writers; `ensure` before writing through `bytes` directly. */
export class LittleEndianWriter {
  bytes: Uint8Array;
  length = 0;

  constructor(initialCapacity = 1 << 16) {
    this.bytes = new Uint8Array(initialCapacity);
  }

  reset(): void {
    this.length = 0;
  }

  ensure(extra: number): void {
    const needed = this.length + extra;
    if (needed <= this.bytes.length) return;
    let capacity = this.bytes.length * 2;
    while (capacity < needed) capacity *= 2;
    const grown = new Uint8Array(capacity);
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  u8(value: number): void {
    this.ensure(1);
    this.bytes[this.length++] = value;
  }

  u16(value: number): void {
    this.ensure(2);
    const b = this.bytes;
    b[this.length++] = value & 0xff;
    b[this.length++] = (value >>> 8) & 0xff;
  }

  u32(value: number): void {
    this.ensure(4);
    const b = this.bytes;
    b[this.length++] = value & 0xff;
    b[this.length++] = (value >>> 8) & 0xff;
    b[this.length++] = (value >>> 16) & 0xff;
    b[this.length++] = (value >>> 24) & 0xff;
  }

  /** Writes a canonical pixel word (`0x00BBGGRR`) as R, G, B. */
  rgb(pixel: number): void {
    this.ensure(3);
    const b = this.bytes;
    b[this.length++] = pixel & 0xff;
    b[this.length++] = (pixel >>> 8) & 0xff;
    b[this.length++] = (pixel >>> 16) & 0xff;
  }

  /** Unsigned LEB128. */
  varint(value: number): void {
    this.ensure(5);
    const b = this.bytes;
    let v = value;
    while (v >= 0x80) {
      b[this.length++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    b[this.length++] = v;
  }

  view(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }
}
