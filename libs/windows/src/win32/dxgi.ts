// The Direct3D 11 and DXGI interfaces desktop duplication needs: IIDs, vtable slots (checked
// against the Windows SDK's C declarations as shipped with wine, test/win32/dxgi-vtables.test.ts),
// and the byte layouts of the structs read or written (x64).
import type { ComMethod } from './com';
import { guid } from './com';
import { lazyBinding, win32Function } from './library';

/** IIDs of the interfaces asked for with `QueryInterface`. */
export const IID = {
  IDXGIDevice: guid('54ec77fa-1377-44e6-8c32-88fd5f44c84c'),
  IDXGIOutput1: guid('00cddea8-939b-4b83-a340-a685226666cc'),
  ID3D11Texture2D: guid('6f15aaf2-d208-4e89-9ab4-489535d34f9c'),
} as const;

// koffi registers each prototype under its name, once: the interface's name keeps them apart.
const method = (slot: number, iface: string, name: string, parameters: string, result = 'int32_t'): ComMethod => ({
  slot,
  name,
  prototype: `${result} __stdcall ${iface}_${name}(void *self${parameters ? `, ${parameters}` : ''})`,
});

/** The methods called, per interface, with their vtable slots. */
export const DxgiMethod = {
  /** `IDXGIDevice::GetAdapter` */
  deviceGetAdapter: method(7, 'IDXGIDevice', 'GetAdapter', '_Out_ void **adapter'),
  /** `IDXGIAdapter::EnumOutputs` */
  adapterEnumOutputs: method(7, 'IDXGIAdapter', 'EnumOutputs', 'uint32_t index, _Out_ void **output'),
  /** `IDXGIOutput::GetDesc` */
  outputGetDesc: method(7, 'IDXGIOutput', 'GetDesc', '_Out_ uint8_t *desc'),
  /** `IDXGIOutputDuplication::GetDesc` */
  duplicationGetDesc: method(7, 'IDXGIOutputDuplication', 'GetDesc', '_Out_ uint8_t *desc', 'void'),
  /** `IDXGIOutput1::DuplicateOutput` */
  outputDuplicateOutput: method(22, 'IDXGIOutput1', 'DuplicateOutput', 'void *device, _Out_ void **duplication'),
  /** `IDXGIOutputDuplication::AcquireNextFrame` */
  duplicationAcquireNextFrame: method(
    8,
    'IDXGIOutputDuplication',
    'AcquireNextFrame',
    'uint32_t timeoutMs, _Out_ uint8_t *info, _Out_ void **resource',
  ),
  /** `IDXGIOutputDuplication::GetFrameDirtyRects` */
  duplicationGetFrameDirtyRects: method(
    9,
    'IDXGIOutputDuplication',
    'GetFrameDirtyRects',
    'uint32_t size, _Out_ uint8_t *rects, _Out_ uint32_t *required',
  ),
  /** `IDXGIOutputDuplication::GetFrameMoveRects` */
  duplicationGetFrameMoveRects: method(
    10,
    'IDXGIOutputDuplication',
    'GetFrameMoveRects',
    'uint32_t size, _Out_ uint8_t *rects, _Out_ uint32_t *required',
  ),
  /** `IDXGIOutputDuplication::ReleaseFrame` */
  duplicationReleaseFrame: method(14, 'IDXGIOutputDuplication', 'ReleaseFrame', ''),
  /** `ID3D11Device::CreateTexture2D` */
  deviceCreateTexture2D: method(
    5,
    'ID3D11Device',
    'CreateTexture2D',
    'const uint8_t *desc, const uint8_t *initial, _Out_ void **texture',
  ),
  /** `ID3D11DeviceContext::Map` */
  contextMap: method(
    14,
    'ID3D11DeviceContext',
    'Map',
    'void *resource, uint32_t subresource, uint32_t type, uint32_t flags, _Out_ uint8_t *mapped',
  ),
  /** `ID3D11DeviceContext::Unmap` */
  contextUnmap: method(15, 'ID3D11DeviceContext', 'Unmap', 'void *resource, uint32_t subresource', 'void'),
  /** `ID3D11DeviceContext::CopyResource` */
  contextCopyResource: method(47, 'ID3D11DeviceContext', 'CopyResource', 'void *destination, void *source', 'void'),
} as const;

/** HRESULTs the capture acts on. */
export const DxgiStatus = {
  /** No new frame within the timeout. */
  WAIT_TIMEOUT: 0x887a0027 | 0,
  /** The duplication is gone (mode change, secure desktop, another desktop): create it again. */
  ACCESS_LOST: 0x887a0026 | 0,
  /** The buffer for the rectangles was too small. */
  MORE_DATA: 0x887a0003 | 0,
  /** No output with that index. */
  NOT_FOUND: 0x887a0002 | 0,
  /** `E_NOTIMPL`: this Windows (or wine) has no duplication at all. */
  NOT_IMPLEMENTED: 0x80004001 | 0,
} as const;

// d3d11.h / dxgiformat.h constants.
const D3D_DRIVER_TYPE_HARDWARE = 1;
const D3D11_CREATE_DEVICE_BGRA_SUPPORT = 0x20;
const D3D11_SDK_VERSION = 7;
/** `DXGI_FORMAT_B8G8R8A8_UNORM`: the desktop's format, BGRX in memory. */
export const DXGI_FORMAT_B8G8R8A8_UNORM = 87;
const D3D11_USAGE_STAGING = 3;
/** `D3D11_CPU_ACCESS_READ`: the CPU maps the texture for reading. */
export const D3D11_CPU_ACCESS_READ = 0x20000;
/** `D3D11_CPU_ACCESS_WRITE`: the CPU maps the texture for writing. */
export const D3D11_CPU_ACCESS_WRITE = 0x10000;
/** `D3D11_MAP_READ` */
export const D3D11_MAP_READ = 1;
/** `D3D11_MAP_WRITE` */
export const D3D11_MAP_WRITE = 2;

const d3d11 = lazyBinding(() => ({
  D3D11CreateDevice: win32Function<
    (
      adapter: null,
      driverType: number,
      software: null,
      flags: number,
      levels: null,
      levelCount: number,
      sdkVersion: number,
      device: [unknown],
      level: [number],
      context: [unknown],
    ) => number
  >(
    'd3d11.dll',
    'int32_t __stdcall D3D11CreateDevice(void *adapter, int driverType, void *software, uint32_t flags, const uint32_t *levels, uint32_t levelCount, uint32_t sdkVersion, _Out_ void **device, _Out_ uint32_t *level, _Out_ void **context)',
  ),
}));

/**
 * Creates a hardware Direct3D 11 device on the default adapter.
 *
 * @returns the HRESULT and the out parameters (device, immediate context)
 */
export function createD3d11Device(): { hresult: number; device: [unknown]; context: [unknown] } {
  const device: [unknown] = [null];
  const context: [unknown] = [null];
  const hresult = d3d11().D3D11CreateDevice(
    null,
    D3D_DRIVER_TYPE_HARDWARE,
    null,
    D3D11_CREATE_DEVICE_BGRA_SUPPORT,
    null,
    0,
    D3D11_SDK_VERSION,
    device,
    [0],
    context,
  );
  return { hresult, device, context };
}

/** A rectangle in desktop coordinates as Windows gives it: left, top, right (exclusive), bottom. */
export interface DesktopRect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Size of `DXGI_OUTPUT_DESC`. */
export const DXGI_OUTPUT_DESC_SIZE = 96;

/** The fields of `DXGI_OUTPUT_DESC` the capture uses. */
export interface OutputDesc {
  /** Where the monitor lies on the virtual screen. */
  desktop: DesktopRect;
  /** Whether it is part of the desktop. */
  attached: boolean;
  /** `DXGI_MODE_ROTATION`: 0 unspecified, 1 identity, 2–4 rotated. */
  rotation: number;
}

/** @returns the fields of a filled `DXGI_OUTPUT_DESC` */
export function readOutputDesc(bytes: Uint8Array): OutputDesc {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    desktop: readRect(view, 64),
    attached: view.getInt32(80, true) !== 0,
    rotation: view.getUint32(84, true),
  };
}

/** Size of `DXGI_OUTDUPL_DESC`. */
export const DXGI_OUTDUPL_DESC_SIZE = 36;

/** The fields of `DXGI_OUTDUPL_DESC` the capture checks: the duplicated image's size and rotation. */
export interface DuplicationDesc {
  width: number;
  height: number;
  rotation: number;
}

/** @returns the fields of a filled `DXGI_OUTDUPL_DESC` */
export function readDuplicationDesc(bytes: Uint8Array): DuplicationDesc {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(0, true), height: view.getUint32(4, true), rotation: view.getUint32(28, true) };
}

/** Size of `DXGI_OUTDUPL_FRAME_INFO`. */
export const DXGI_OUTDUPL_FRAME_INFO_SIZE = 48;

/** The fields of `DXGI_OUTDUPL_FRAME_INFO` the capture uses. */
export interface FrameInfo {
  /** 0 when only the pointer moved: the image did not change. */
  lastPresentTime: bigint;
  /** Bytes of dirty and move rectangles waiting; 0 means none are known. */
  metadataSize: number;
}

/** @returns the fields of a filled `DXGI_OUTDUPL_FRAME_INFO` */
export function readFrameInfo(bytes: Uint8Array): FrameInfo {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { lastPresentTime: view.getBigInt64(0, true), metadataSize: view.getUint32(40, true) };
}

/** Size of a `RECT`. */
export const RECT_SIZE = 16;
/** Size of a `DXGI_OUTDUPL_MOVE_RECT` (source point, destination rectangle). */
export const MOVE_RECT_SIZE = 24;

/**
 * Reads `RECT`s from a buffer.
 *
 * @param bytes - the rectangles
 * @param count - how many
 * @param stride - bytes per entry ({@link RECT_SIZE}, or {@link MOVE_RECT_SIZE} for the destination of moves)
 * @param offset - where the `RECT` starts inside an entry
 */
export function readRects(bytes: Uint8Array, count: number, stride = RECT_SIZE, offset = 0): DesktopRect[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const rects: DesktopRect[] = [];
  for (let i = 0; i < count; i++) rects.push(readRect(view, i * stride + offset));
  return rects;
}

function readRect(view: DataView, at: number): DesktopRect {
  return {
    left: view.getInt32(at, true),
    top: view.getInt32(at + 4, true),
    right: view.getInt32(at + 8, true),
    bottom: view.getInt32(at + 12, true),
  };
}

/**
 * A `D3D11_TEXTURE2D_DESC` for a CPU-accessible (staging) texture in the desktop's format.
 *
 * @param width - pixels
 * @param height - pixels
 * @param cpuAccess - {@link D3D11_CPU_ACCESS_READ} (a copy of a desktop image) or `…_WRITE`
 */
export function stagingTextureDesc(width: number, height: number, cpuAccess = D3D11_CPU_ACCESS_READ): Uint8Array {
  const bytes = new Uint8Array(44);
  const view = new DataView(bytes.buffer);
  const fields = [width, height, 1, 1, DXGI_FORMAT_B8G8R8A8_UNORM, 1, 0, D3D11_USAGE_STAGING, 0, cpuAccess, 0];
  fields.forEach((value, i) => {
    view.setUint32(i * 4, value, true);
  });
  return bytes;
}

/** Size of `D3D11_MAPPED_SUBRESOURCE`. */
export const MAPPED_SUBRESOURCE_SIZE = 16;

/** @returns the data pointer and row pitch of a filled `D3D11_MAPPED_SUBRESOURCE` */
export function readMappedSubresource(bytes: Uint8Array): { data: bigint; rowPitch: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { data: view.getBigUint64(0, true), rowPitch: view.getUint32(8, true) };
}
