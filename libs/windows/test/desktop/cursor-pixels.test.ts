import { describe, expect, it } from 'vitest';
import { colorCursorToRgba, maskStride, monochromeCursorToRgba } from '../../src/desktop/cursor-pixels';

/** 1-bpp rows (one row per string of 0/1), padded to 32 bits as GetDIBits writes them. */
function maskRows(rows: string[]): Uint8Array {
  const width = rows[0]?.length ?? 0;
  const stride = maskStride(width);
  const bytes = new Uint8Array(stride * rows.length);
  rows.forEach((row, y) => {
    for (let x = 0; x < row.length; x++) {
      const at = y * stride + (x >> 3);
      if (row[x] === '1') bytes[at] = (bytes[at] as number) | (0x80 >> (x & 7));
    }
  });
  return bytes;
}

const pixel = (rgba: Uint8Array, index: number) => Array.from(rgba.subarray(index * 4, index * 4 + 4));

describe('cursor pixels', () => {
  it('pads mask rows to 32 bits', () => {
    expect(maskStride(1)).toBe(4);
    expect(maskStride(32)).toBe(4);
    expect(maskStride(33)).toBe(8);
  });

  it('turns monochrome AND/XOR masks into black, white, transparent and inverted-as-black', () => {
    // AND rows, then XOR rows: pixels (and, xor) = (0,0) (0,1) (1,0) (1,1).
    const rgba = monochromeCursorToRgba(maskRows(['0011', '0101']), 4, 1);
    expect(pixel(rgba, 0)).toEqual([0, 0, 0, 255]);
    expect(pixel(rgba, 1)).toEqual([255, 255, 255, 255]);
    expect(pixel(rgba, 2)[3]).toBe(0);
    expect(pixel(rgba, 3)).toEqual([0, 0, 0, 255]);
  });

  it('keeps the alpha of a colour cursor that has one, swapping BGRA to RGBA', () => {
    const bgra = new Uint8Array([10, 20, 30, 128, 1, 2, 3, 0]);
    const rgba = colorCursorToRgba(bgra, maskRows(['11']), 2, 1);
    expect(pixel(rgba, 0)).toEqual([30, 20, 10, 128]);
    expect(pixel(rgba, 1)).toEqual([3, 2, 1, 0]);
  });

  it('takes transparency from the AND mask when the colour cursor has no alpha', () => {
    const bgra = new Uint8Array([10, 20, 30, 0, 1, 2, 3, 0]);
    const rgba = colorCursorToRgba(bgra, maskRows(['01']), 2, 1);
    expect(pixel(rgba, 0)).toEqual([30, 20, 10, 255]);
    expect(pixel(rgba, 1)[3]).toBe(0);
  });
});
