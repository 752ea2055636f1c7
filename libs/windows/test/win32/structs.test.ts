import { describe, expect, it } from 'vitest';
import { encodeInputs, INPUT_SIZE, KeyFlag, MouseFlag } from '../../src/win32/send-input';
import {
  bitmapInfo,
  CURSORINFO_SIZE,
  cursorInfoBuffer,
  readBitmapSize,
  readCursorInfo,
  readIconInfo,
} from '../../src/win32/structs';

describe('Win32 struct layouts (x64)', () => {
  it('lays out INPUT records: type, then the union at offset 8', () => {
    const bytes = encodeInputs([
      { kind: 'mouse', dx: 100, dy: -2, data: -120, flags: MouseFlag.WHEEL },
      { kind: 'key', vk: 0, scan: 0x20ac, flags: KeyFlag.UNICODE | KeyFlag.KEYUP },
    ]);
    expect(bytes.length).toBe(2 * INPUT_SIZE);
    const view = new DataView(bytes.buffer);
    expect([view.getUint32(0, true), view.getInt32(8, true), view.getInt32(12, true)]).toEqual([0, 100, -2]);
    expect([view.getInt32(16, true), view.getUint32(20, true)]).toEqual([-120, MouseFlag.WHEEL]);
    expect(view.getUint32(INPUT_SIZE, true)).toBe(1);
    expect([view.getUint16(INPUT_SIZE + 8, true), view.getUint16(INPUT_SIZE + 10, true)]).toEqual([0, 0x20ac]);
    expect(view.getUint32(INPUT_SIZE + 12, true)).toBe(KeyFlag.UNICODE | KeyFlag.KEYUP);
  });

  it('writes a top-down BITMAPINFOHEADER', () => {
    const view = new DataView(bitmapInfo(1920, -1080, 32).buffer);
    expect([view.getUint32(0, true), view.getInt32(4, true), view.getInt32(8, true)]).toEqual([40, 1920, -1080]);
    expect([view.getUint16(12, true), view.getUint16(14, true), view.getUint32(16, true)]).toEqual([1, 32, 0]);
  });

  it('reads CURSORINFO, ICONINFO and BITMAP fields at their offsets', () => {
    const cursor = cursorInfoBuffer();
    const view = new DataView(cursor.buffer);
    expect(view.getUint32(0, true)).toBe(CURSORINFO_SIZE);
    view.setUint32(4, 1, true);
    view.setBigInt64(8, 0x20048n, true);
    view.setInt32(16, -1920, true);
    view.setInt32(20, 300, true);
    expect(readCursorInfo(cursor)).toEqual({ flags: 1, cursor: 0x20048, x: -1920, y: 300 });

    const icon = new Uint8Array(32);
    const iconView = new DataView(icon.buffer);
    iconView.setUint32(4, 7, true);
    iconView.setUint32(8, 9, true);
    iconView.setBigInt64(16, 0x1234n, true);
    iconView.setBigInt64(24, -5n, true);
    expect(readIconInfo(icon)).toEqual({ hotX: 7, hotY: 9, mask: 0x1234, color: -5 });

    const bitmap = new Uint8Array(32);
    new DataView(bitmap.buffer).setInt32(4, 32, true);
    new DataView(bitmap.buffer).setInt32(8, 64, true);
    expect(readBitmapSize(bitmap)).toEqual({ width: 32, height: 64 });
  });
});
