/**
 * Bytes per row of a 1-bpp DIB as GetDIBits writes it (rows padded to 32 bits).
 *
 * @param width - pixels
 */
export function maskStride(width: number): number {
  return ((width + 31) >> 5) * 4;
}

function maskBit(mask: Uint8Array, stride: number, x: number, y: number): number {
  return ((mask[y * stride + (x >> 3)] as number) >> (7 - (x & 7))) & 1;
}

/**
 * A monochrome cursor (AND mask on top of XOR mask, each `height` rows) as straight RGBA.
 * AND 0 / XOR 0 is black, AND 0 / XOR 1 white, AND 1 / XOR 0 transparent; AND 1 / XOR 1
 * inverts the screen, which RGBA cannot say: it becomes black, visible on the light
 * backgrounds the I-beam is mostly used on.
 *
 * @param mask - 1-bpp top-down rows of both masks (`2 * height` rows of {@link maskStride} bytes)
 * @param width - cursor width
 * @param height - cursor height (half the mask bitmap's height)
 * @returns `width * height * 4` bytes
 */
export function monochromeCursorToRgba(mask: Uint8Array, width: number, height: number): Uint8Array {
  const stride = maskStride(width);
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const and = maskBit(mask, stride, x, y);
      const xor = maskBit(mask, stride, x, y + height);
      const at = (y * width + x) * 4;
      const white = and === 0 && xor === 1 ? 255 : 0;
      rgba[at] = white;
      rgba[at + 1] = white;
      rgba[at + 2] = white;
      rgba[at + 3] = and === 1 && xor === 0 ? 0 : 255;
    }
  }
  return rgba;
}

/**
 * A colour cursor as straight RGBA. Its colour bitmap carries alpha when any alpha byte is set;
 * older colour cursors have none, and then the AND mask says which pixels are transparent.
 *
 * @param bgra - 32-bpp top-down colour rows (`width * 4` bytes each)
 * @param mask - 1-bpp top-down AND mask rows ({@link maskStride} bytes each)
 * @param width - cursor width
 * @param height - cursor height
 * @returns `width * height * 4` bytes
 */
export function colorCursorToRgba(bgra: Uint8Array, mask: Uint8Array, width: number, height: number): Uint8Array {
  const pixels = width * height;
  const stride = maskStride(width);
  let hasAlpha = false;
  for (let i = 0; i < pixels && !hasAlpha; i++) hasAlpha = bgra[i * 4 + 3] !== 0;
  const rgba = new Uint8Array(pixels * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * 4;
      rgba[at] = bgra[at + 2] as number;
      rgba[at + 1] = bgra[at + 1] as number;
      rgba[at + 2] = bgra[at] as number;
      rgba[at + 3] = hasAlpha ? (bgra[at + 3] as number) : maskBit(mask, stride, x, y) === 1 ? 0 : 255;
    }
  }
  return rgba;
}
