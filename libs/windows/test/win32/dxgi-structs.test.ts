import { describe, expect, it } from 'vitest';
import { WindowsErrorCode } from '../../src/errors';
import { guid, hresultText, succeeded } from '../../src/win32/com';
import {
  D3D11_CPU_ACCESS_READ,
  DXGI_FORMAT_B8G8R8A8_UNORM,
  DxgiStatus,
  MOVE_RECT_SIZE,
  readDuplicationDesc,
  readFrameInfo,
  readMappedSubresource,
  readOutputDesc,
  readRects,
  stagingTextureDesc,
} from '../../src/win32/dxgi';

describe('DXGI and Direct3D 11 struct layouts (x64)', () => {
  it('writes a GUID in memory order: three little-endian fields, then eight bytes', () => {
    expect([...guid('00000000-0000-0000-C000-000000000046')]).toEqual([
      0, 0, 0, 0, 0, 0, 0, 0, 0xc0, 0, 0, 0, 0, 0, 0, 0x46,
    ]);
    expect([...guid('54ec77fa-1377-44e6-8c32-88fd5f44c84c')].slice(0, 8)).toEqual([
      0xfa, 0x77, 0xec, 0x54, 0x77, 0x13, 0xe6, 0x44,
    ]);
    expect(() => guid('not-a-guid')).toThrow(expect.objectContaining({ code: WindowsErrorCode.INVALID_ARGUMENT }));
  });

  it('reads HRESULTs as Windows prints them', () => {
    expect(succeeded(0)).toBe(true);
    expect(succeeded(1)).toBe(true);
    expect(succeeded(DxgiStatus.ACCESS_LOST)).toBe(false);
    expect(hresultText(DxgiStatus.ACCESS_LOST)).toBe('0x887A0026');
    expect(hresultText(0x80004001 | 0)).toBe('0x80004001');
  });

  it('reads DXGI_OUTPUT_DESC: desktop rectangle at 64, attached at 80, rotation at 84', () => {
    const bytes = new Uint8Array(96);
    const view = new DataView(bytes.buffer);
    [-1280, -200, 0, 824].forEach((value, i) => {
      view.setInt32(64 + i * 4, value, true);
    });
    view.setInt32(80, 1, true);
    view.setUint32(84, 2, true);
    expect(readOutputDesc(bytes)).toEqual({
      desktop: { left: -1280, top: -200, right: 0, bottom: 824 },
      attached: true,
      rotation: 2,
    });
  });

  it('reads DXGI_OUTDUPL_DESC: image width at 0, height at 4, rotation at 28', () => {
    const bytes = new Uint8Array(36);
    const view = new DataView(bytes.buffer);
    view.setUint32(0, 2560, true);
    view.setUint32(4, 1440, true);
    view.setUint32(16, 87, true);
    view.setUint32(28, 1, true);
    expect(readDuplicationDesc(bytes)).toEqual({ width: 2560, height: 1440, rotation: 1 });
  });

  it('reads DXGI_OUTDUPL_FRAME_INFO: present time at 0, metadata size at 40', () => {
    const bytes = new Uint8Array(48);
    const view = new DataView(bytes.buffer);
    view.setBigInt64(0, 123456789n, true);
    view.setUint32(40, 64, true);
    view.setUint32(44, 999, true);
    expect(readFrameInfo(bytes)).toEqual({ lastPresentTime: 123456789n, metadataSize: 64 });
  });

  it('reads dirty RECTs and the destinations of DXGI_OUTDUPL_MOVE_RECTs', () => {
    const bytes = new Uint8Array(2 * MOVE_RECT_SIZE);
    const view = new DataView(bytes.buffer);
    // { POINT source; RECT destination } twice.
    [5, 6, 10, 20, 30, 40, 7, 8, 1, 2, 3, 4].forEach((value, i) => {
      view.setInt32(i * 4, value, true);
    });
    expect(readRects(bytes, 2, MOVE_RECT_SIZE, 8)).toEqual([
      { left: 10, top: 20, right: 30, bottom: 40 },
      { left: 1, top: 2, right: 3, bottom: 4 },
    ]);
    expect(readRects(bytes, 1)).toEqual([{ left: 5, top: 6, right: 10, bottom: 20 }]);
  });

  it('writes a D3D11_TEXTURE2D_DESC for a CPU-readable BGRA texture', () => {
    const view = new DataView(stagingTextureDesc(1920, 1080).buffer);
    const fields = Array.from({ length: 11 }, (_, i) => view.getUint32(i * 4, true));
    expect(fields).toEqual([1920, 1080, 1, 1, DXGI_FORMAT_B8G8R8A8_UNORM, 1, 0, 3, 0, D3D11_CPU_ACCESS_READ, 0]);
  });

  it('reads D3D11_MAPPED_SUBRESOURCE: data pointer at 0, row pitch at 8', () => {
    const bytes = new Uint8Array(16);
    const view = new DataView(bytes.buffer);
    view.setBigUint64(0, 0x1234_5678_9abcn, true);
    view.setUint32(8, 7680, true);
    expect(readMappedSubresource(bytes)).toEqual({ data: 0x1234_5678_9abcn, rowPitch: 7680 });
  });
});
