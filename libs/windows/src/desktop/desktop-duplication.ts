import type { Rect } from '@fernhilfe/desktop';
import { WindowsError, WindowsErrorCode } from '../errors';
import { loadKoffi } from '../koffi/load-koffi';
import {
  type ComPointer,
  callComMethod,
  checkedComCall,
  comFailure,
  outPointer,
  queryInterface,
  releaseCom,
  succeeded,
} from '../win32/com';
import {
  createD3d11Device,
  D3D11_MAP_READ,
  type DesktopRect,
  DXGI_OUTDUPL_DESC_SIZE,
  DXGI_OUTDUPL_FRAME_INFO_SIZE,
  DXGI_OUTPUT_DESC_SIZE,
  DxgiMethod,
  DxgiStatus,
  IID,
  MAPPED_SUBRESOURCE_SIZE,
  MOVE_RECT_SIZE,
  RECT_SIZE,
  readDuplicationDesc,
  readFrameInfo,
  readMappedSubresource,
  readOutputDesc,
  readRects,
  stagingTextureDesc,
} from '../win32/dxgi';
import type { VirtualScreen } from '../win32/screen-metrics';
import { clipToOutput, monitorsSpanScreen, outputOrigin, toFrameRect } from './duplication-rects';

/** The frame buffer duplication writes changes into: the virtual screen, BGRX, rows of `width`. */
export interface DuplicationTarget {
  screen: VirtualScreen;
  pixels: Uint8Array;
}

/** One monitor being duplicated. */
interface DuplicatedOutput {
  duplication: ComPointer;
  staging: ComPointer;
  monitor: DesktopRect;
}

// dxgitype.h DXGI_MODE_ROTATION: UNSPECIFIED and IDENTITY are the unrotated ones.
const UNROTATED = new Set([0, 1]);

/**
 * Desktop Duplication (DXGI) of every monitor: tells which rectangles changed since the last
 * look, and copies just those into the frame buffer. Windows 8 and later; wine has none
 * (`DuplicateOutput` fails), so {@link DesktopDuplication.open} throws there and the desktop
 * stays with GDI.
 */
export class DesktopDuplication {
  readonly #device: ComPointer;
  readonly #context: ComPointer;
  readonly #outputs: DuplicatedOutput[];
  /** The virtual screen the monitors made up when duplication started. */
  readonly screen: VirtualScreen;
  #closed = false;

  private constructor(device: ComPointer, context: ComPointer, outputs: DuplicatedOutput[], screen: VirtualScreen) {
    this.#device = device;
    this.#context = context;
    this.#outputs = outputs;
    this.screen = screen;
  }

  /**
   * Starts duplicating every monitor of the default graphics adapter.
   *
   * @param screen - the virtual screen the monitors must make up
   * @param monitorCount - how many monitors Windows counts
   * @returns the duplication
   * @throws {@link WindowsError} `WINDOWS_WIN32_CALL_FAILED` (with the HRESULT) when Direct3D or
   *   duplication is unavailable, a monitor is rotated, or the monitors do not make up the screen
   */
  static open(screen: VirtualScreen, monitorCount: number): DesktopDuplication {
    const created = createD3d11Device();
    if (!succeeded(created.hresult)) throw comFailure('D3D11CreateDevice', created.hresult);
    let device: ComPointer | undefined;
    let context: ComPointer | undefined;
    const outputs: DuplicatedOutput[] = [];
    try {
      device = outPointer(created.device, 'D3D11CreateDevice');
      context = outPointer(created.context, 'D3D11CreateDevice');
      outputs.push(...duplicateOutputs(device));
      const monitors = outputs.map((output) => output.monitor);
      if (!monitorsSpanScreen(monitors, monitorCount, screen)) {
        throw new WindowsError(
          WindowsErrorCode.WIN32_CALL_FAILED,
          `the duplicated monitors ${JSON.stringify(monitors)} do not make up the virtual screen ${JSON.stringify(screen)} of ${monitorCount} monitors`,
        );
      }
      return new DesktopDuplication(device, context, outputs, screen);
    } catch (error) {
      releaseOutputs(outputs);
      releaseCom(context);
      releaseCom(device);
      throw error;
    }
  }

  /**
   * Copies what changed on each monitor since the last call into the frame buffer (nothing
   * waits: a monitor without a new image is skipped).
   *
   * @param target - the frame buffer, holding the previous image
   * @returns the changed rectangles in frame coordinates; empty when nothing changed
   * @throws {@link WindowsError} `WINDOWS_WIN32_CALL_FAILED` carrying the HRESULT, e.g.
   *   `DXGI_ERROR_ACCESS_LOST` after a mode change or while a secure desktop is shown
   */
  update(target: DuplicationTarget): Rect[] {
    if (this.#closed) throw new WindowsError(WindowsErrorCode.CLOSED, 'the duplication is closed');
    const changed: Rect[] = [];
    for (const output of this.#outputs) changed.push(...this.#updateOutput(output, target));
    return changed;
  }

  /** Stops duplicating and releases every Direct3D object. Safe to call twice. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    releaseOutputs(this.#outputs);
    releaseCom(this.#context);
    releaseCom(this.#device);
  }

  #updateOutput(output: DuplicatedOutput, target: DuplicationTarget): Rect[] {
    const info = new Uint8Array(DXGI_OUTDUPL_FRAME_INFO_SIZE);
    const resource: [unknown] = [null];
    const acquired = callComMethod(output.duplication, DxgiMethod.duplicationAcquireNextFrame, 0, info, resource);
    if (acquired === DxgiStatus.WAIT_TIMEOUT) return [];
    if (!succeeded(acquired as number)) throw comFailure('AcquireNextFrame', acquired as number);
    let image: ComPointer | undefined;
    try {
      image = outPointer(resource, 'AcquireNextFrame');
      const frameInfo = readFrameInfo(info);
      // Only the pointer moved: the image is the same.
      if (frameInfo.lastPresentTime === 0n) return [];
      const { monitor } = output;
      const width = monitor.right - monitor.left;
      const height = monitor.bottom - monitor.top;
      const whole = { left: 0, top: 0, right: width, bottom: height };
      const rects = (frameInfo.metadataSize > 0 ? changedRects(output.duplication, frameInfo.metadataSize) : [whole])
        .map((rect) => clipToOutput(rect, width, height))
        .filter((rect): rect is DesktopRect => rect !== undefined);
      if (rects.length === 0) return [];
      copyTextureRects(this.#context, { image, staging: output.staging, monitor }, rects, target);
      const origin = outputOrigin(monitor, target.screen);
      return rects.map((rect) => toFrameRect(rect, origin));
    } finally {
      releaseCom(image);
      callComMethod(output.duplication, DxgiMethod.duplicationReleaseFrame);
    }
  }
}

/** A monitor's new image, the CPU-readable texture it is copied through, and the monitor's place. */
export interface MonitorImage {
  /** The image: a texture (or a DXGI resource of one). */
  image: ComPointer;
  /** A staging texture of the same size and format, readable by the CPU. */
  staging: ComPointer;
  /** Where the monitor lies on the desktop. */
  monitor: DesktopRect;
}

/**
 * Copies rectangles of a monitor's image into the frame buffer: on the GPU into the staging
 * texture, mapped for reading, then row by row.
 *
 * @param context - the device's immediate context
 * @param source - the image, its staging texture and the monitor
 * @param rects - monitor-relative rectangles, clipped to the monitor
 * @param target - the frame buffer
 * @internal
 */
export function copyTextureRects(
  context: ComPointer,
  source: MonitorImage,
  rects: readonly DesktopRect[],
  target: DuplicationTarget,
): void {
  const texture = queryInterface(source.image, IID.ID3D11Texture2D, 'ID3D11Texture2D');
  try {
    callComMethod(context, DxgiMethod.contextCopyResource, source.staging, texture);
  } finally {
    releaseCom(texture);
  }
  const mappedBytes = new Uint8Array(MAPPED_SUBRESOURCE_SIZE);
  checkedComCall(context, DxgiMethod.contextMap, source.staging, 0, D3D11_MAP_READ, 0, mappedBytes);
  try {
    const mapped = readMappedSubresource(mappedBytes);
    const { monitor } = source;
    const width = monitor.right - monitor.left;
    const height = monitor.bottom - monitor.top;
    if (mapped.rowPitch < width * 4) {
      throw new WindowsError(
        WindowsErrorCode.WIN32_CALL_FAILED,
        `mapped rows of ${mapped.rowPitch} bytes for ${width} pixels`,
      );
    }
    // The last row ends after its pixels: no padding is promised after it.
    const pixels = new Uint8Array(loadKoffi().view(mapped.data, mapped.rowPitch * (height - 1) + width * 4));
    const origin = outputOrigin(monitor, target.screen);
    const rowBytes = target.screen.width * 4;
    for (const rect of rects) {
      const length = (rect.right - rect.left) * 4;
      for (let y = rect.top; y < rect.bottom; y++) {
        const from = y * mapped.rowPitch + rect.left * 4;
        const to = (origin.y + y) * rowBytes + (origin.x + rect.left) * 4;
        target.pixels.set(pixels.subarray(from, from + length), to);
      }
    }
  } finally {
    callComMethod(context, DxgiMethod.contextUnmap, source.staging, 0);
  }
}

/** Starts a duplication, with its CPU-readable texture, for each monitor on the device's adapter. */
function duplicateOutputs(device: ComPointer): DuplicatedOutput[] {
  const dxgiDevice = queryInterface(device, IID.IDXGIDevice, 'IDXGIDevice');
  const adapterOut: [unknown] = [null];
  try {
    checkedComCall(dxgiDevice, DxgiMethod.deviceGetAdapter, adapterOut);
  } finally {
    releaseCom(dxgiDevice);
  }
  const adapter = outPointer(adapterOut, 'GetAdapter');
  const outputs: DuplicatedOutput[] = [];
  try {
    for (let index = 0; ; index++) {
      const outputOut: [unknown] = [null];
      const found = callComMethod(adapter, DxgiMethod.adapterEnumOutputs, index, outputOut) as number;
      if (found === DxgiStatus.NOT_FOUND) break;
      if (!succeeded(found)) throw comFailure('EnumOutputs', found);
      const duplicated = duplicateOutput(device, outPointer(outputOut, 'EnumOutputs'));
      if (duplicated !== undefined) outputs.push(duplicated);
    }
    return outputs;
  } catch (error) {
    releaseOutputs(outputs);
    throw error;
  } finally {
    releaseCom(adapter);
  }
}

/** Duplicates one monitor (releasing `output`); `undefined` when it is not part of the desktop. */
function duplicateOutput(device: ComPointer, output: ComPointer): DuplicatedOutput | undefined {
  let output1: ComPointer | undefined;
  let duplication: ComPointer | undefined;
  try {
    const descBytes = new Uint8Array(DXGI_OUTPUT_DESC_SIZE);
    checkedComCall(output, DxgiMethod.outputGetDesc, descBytes);
    const desc = readOutputDesc(descBytes);
    if (!desc.attached) return undefined;
    output1 = queryInterface(output, IID.IDXGIOutput1, 'IDXGIOutput1');
    const duplicationOut: [unknown] = [null];
    checkedComCall(output1, DxgiMethod.outputDuplicateOutput, device, duplicationOut);
    duplication = outPointer(duplicationOut, 'DuplicateOutput');
    const { desktop } = desc;
    // The image has the display mode's size; the desktop rectangle has it only for a DPI-aware
    // process. Copying between textures of different sizes silently does nothing.
    const imageBytes = new Uint8Array(DXGI_OUTDUPL_DESC_SIZE);
    callComMethod(duplication, DxgiMethod.duplicationGetDesc, imageBytes);
    const image = readDuplicationDesc(imageBytes);
    if (!UNROTATED.has(image.rotation)) {
      throw new WindowsError(
        WindowsErrorCode.WIN32_CALL_FAILED,
        `a monitor is rotated (DXGI rotation ${image.rotation})`,
      );
    }
    if (image.width !== desktop.right - desktop.left || image.height !== desktop.bottom - desktop.top) {
      throw new WindowsError(
        WindowsErrorCode.WIN32_CALL_FAILED,
        `a monitor's image is ${image.width}×${image.height} but it covers ${JSON.stringify(desktop)} of the desktop (DPI scaling without DPI awareness)`,
      );
    }
    const textureOut: [unknown] = [null];
    const textureDesc = stagingTextureDesc(desktop.right - desktop.left, desktop.bottom - desktop.top);
    checkedComCall(device, DxgiMethod.deviceCreateTexture2D, textureDesc, null, textureOut);
    const staging = outPointer(textureOut, 'CreateTexture2D');
    const duplicated = { duplication, staging, monitor: desktop };
    duplication = undefined;
    return duplicated;
  } finally {
    releaseCom(duplication);
    releaseCom(output1);
    releaseCom(output);
  }
}

/** The dirty rectangles and the destinations of moved ones, output-relative. */
function changedRects(duplication: ComPointer, metadataSize: number): DesktopRect[] {
  const buffer = new Uint8Array(metadataSize);
  const required: [number] = [0];
  checkedComCall(duplication, DxgiMethod.duplicationGetFrameMoveRects, metadataSize, buffer, required);
  // A move's destination changed; its source is covered by a dirty rectangle if it changed too.
  const moved = readRects(buffer, Math.floor(required[0] / MOVE_RECT_SIZE), MOVE_RECT_SIZE, 8);
  required[0] = 0;
  checkedComCall(duplication, DxgiMethod.duplicationGetFrameDirtyRects, metadataSize, buffer, required);
  return [...moved, ...readRects(buffer, Math.floor(required[0] / RECT_SIZE))];
}

function releaseOutputs(outputs: readonly DuplicatedOutput[]): void {
  for (const output of outputs) {
    releaseCom(output.staging);
    releaseCom(output.duplication);
  }
}
