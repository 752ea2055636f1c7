/** A decoded `xwd -root` dump (ZPixmap, 24 or 32 bits per pixel). */
export interface XwdImage {
  width: number;
  height: number;
  bytesPerLine: number;
  /** 0 LSBFirst, 1 MSBFirst */
  byteOrder: number;
  /** Pixel value (0xRRGGBB for a TrueColor 24-bit screen) at a position. */
  pixel(x: number, y: number): number;
}

/** Decodes the XWD file format (X11 `XWDFile.h`: big-endian header, then colormap, then pixels). */
export function parseXwd(file: Buffer): XwdImage {
  const field = (index: number) => file.readUInt32BE(index * 4);
  const headerSize = field(0);
  const version = field(1);
  if (version !== 7) throw new Error(`xwd version ${version} not supported`);
  const format = field(2);
  const width = field(4);
  const height = field(5);
  const byteOrder = field(7);
  const bitsPerPixel = field(11);
  const bytesPerLine = field(12);
  const colorCount = field(19);
  if (format !== 2 || (bitsPerPixel !== 32 && bitsPerPixel !== 24))
    throw new Error(`xwd format ${format}/${bitsPerPixel} bpp not supported`);
  const dataStart = headerSize + colorCount * 12;
  return {
    width,
    height,
    bytesPerLine,
    byteOrder,
    pixel(x, y) {
      const at = dataStart + y * bytesPerLine + x * (bitsPerPixel / 8);
      return byteOrder === 0 ? file.readUIntLE(at, 3) : file.readUIntBE(at + bitsPerPixel / 8 - 3, 3);
    },
  };
}
