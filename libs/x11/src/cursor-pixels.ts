/**
 * Converts XFIXES cursor pixels (32-bit ARGB words, little-endian, premultiplied alpha)
 * into straight-alpha RGBA bytes as canvases and the codec's cursor messages expect.
 *
 * @param argb - `width * height * 4` bytes as GetCursorImage returns them
 * @param pixelCount - number of pixels to convert
 * @returns `pixelCount * 4` bytes R, G, B, A
 */
export function premultipliedArgbToRgba(argb: Uint8Array, pixelCount: number): Uint8Array {
  const rgba = new Uint8Array(pixelCount * 4);
  for (let i = 0; i < pixelCount * 4; i += 4) {
    const b = argb[i] as number;
    const g = argb[i + 1] as number;
    const r = argb[i + 2] as number;
    const a = argb[i + 3] as number;
    if (a === 0) continue;
    if (a === 255) {
      rgba[i] = r;
      rgba[i + 1] = g;
      rgba[i + 2] = b;
    } else {
      rgba[i] = Math.min(255, Math.round((r * 255) / a));
      rgba[i + 1] = Math.min(255, Math.round((g * 255) / a));
      rgba[i + 2] = Math.min(255, Math.round((b * 255) / a));
    }
    rgba[i + 3] = a;
  }
  return rgba;
}
