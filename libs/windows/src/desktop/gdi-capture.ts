import type { ScreenFrame } from '@fernhilfe/desktop';
import { WindowsError, WindowsErrorCode } from '../errors';
import { loadKoffi } from '../koffi/load-koffi';
import { CAPTUREBLT, DIB_RGB_COLORS, gdi, SRCCOPY } from '../win32/gdi';
import type { Win32Handle } from '../win32/library';
import { readVirtualScreen, sameScreen, type VirtualScreen } from '../win32/screen-metrics';
import { bitmapInfo } from '../win32/structs';

/** The DIB section frames are captured into, and the DC it is selected in. */
interface CaptureTarget {
  screen: VirtualScreen;
  memoryDc: Win32Handle;
  bitmap: Win32Handle;
  previous: Win32Handle;
  pixels: Uint8Array;
  /** At least one BitBlt into it succeeded. */
  filled: boolean;
}

/**
 * Captures the whole virtual screen with GDI: `BitBlt(SRCCOPY | CAPTUREBLT)` from the screen DC
 * into a 32-bpp top-down DIB section whose bits are read in place (`koffi.view`), no copy.
 * The virtual screen is re-read on every capture; a new size or origin (resolution changed,
 * monitor added) recreates the DIB section.
 */
export class GdiScreenCapture {
  readonly #maxPixels: number;
  #screen: VirtualScreen;
  #screenDc: Win32Handle = 0;
  #target: CaptureTarget | undefined;

  /**
   * @param maxPixels - largest virtual screen (width × height) a buffer is allocated for
   */
  constructor(maxPixels: number) {
    this.#maxPixels = maxPixels;
    this.#screen = readVirtualScreen();
  }

  /** The virtual screen as of the last capture (or of opening). */
  get screen(): VirtualScreen {
    return this.#screen;
  }

  /**
   * Captures the screen. The returned pixels are a view of the DIB section: valid until the next
   * capture or {@link GdiScreenCapture.close}, as `ScreenFrame` promises.
   *
   * @returns the frame
   * @throws {@link WindowsError} `WINDOWS_WIN32_CALL_FAILED` when GDI refuses (BitBlt only before
   *   the first good frame of this size; later failures repeat that frame);
   *   `WINDOWS_LIMIT_EXCEEDED` for a virtual screen over the pixel limit
   */
  capture(): ScreenFrame {
    const target = this.#targetFor(readVirtualScreen());
    const { screen } = target;
    const api = gdi();
    const copied = api.BitBlt(
      target.memoryDc,
      0,
      0,
      screen.width,
      screen.height,
      this.#screenDc,
      screen.x,
      screen.y,
      SRCCOPY | CAPTUREBLT,
    );
    // While a secure desktop (UAC prompt, lock screen) is shown, BitBlt fails: the last good frame
    // stays in the DIB and is shown again, so the session survives the prompt.
    if (!copied && !target.filled) {
      throw new WindowsError(WindowsErrorCode.WIN32_CALL_FAILED, 'BitBlt from the screen failed');
    }
    target.filled ||= copied;
    // GDI may batch the blit; the bits are read directly, so it must have happened.
    api.GdiFlush();
    return {
      width: screen.width,
      height: screen.height,
      stride: screen.width * 4,
      format: 'bgrx',
      data: target.pixels,
    };
  }

  /** Frees the DIB section and both DCs. Safe to call twice. */
  close(): void {
    this.#freeTarget();
    if (this.#screenDc !== 0) gdi().ReleaseDC(0, this.#screenDc);
    this.#screenDc = 0;
  }

  #targetFor(screen: VirtualScreen): CaptureTarget {
    if (this.#target !== undefined && sameScreen(this.#target.screen, screen)) return this.#target;
    this.#freeTarget();
    this.#screen = screen;
    if (screen.width <= 0 || screen.height <= 0) {
      throw new WindowsError(WindowsErrorCode.WIN32_CALL_FAILED, 'Windows reports an empty virtual screen');
    }
    if (screen.width * screen.height > this.#maxPixels) {
      throw new WindowsError(
        WindowsErrorCode.LIMIT_EXCEEDED,
        `virtual screen ${screen.width}×${screen.height} exceeds ${this.#maxPixels} pixels`,
      );
    }
    const api = gdi();
    if (this.#screenDc === 0) this.#screenDc = api.GetDC(0);
    if (this.#screenDc === 0) throw new WindowsError(WindowsErrorCode.WIN32_CALL_FAILED, 'GetDC(NULL) failed');
    const memoryDc = api.CreateCompatibleDC(this.#screenDc);
    if (memoryDc === 0) throw new WindowsError(WindowsErrorCode.WIN32_CALL_FAILED, 'CreateCompatibleDC failed');
    const bits: [unknown] = [null];
    const bitmap = api.CreateDIBSection(
      memoryDc,
      bitmapInfo(screen.width, -screen.height, 32),
      DIB_RGB_COLORS,
      bits,
      0,
      0,
    );
    if (bitmap === 0 || bits[0] === null) {
      api.DeleteDC(memoryDc);
      throw new WindowsError(WindowsErrorCode.WIN32_CALL_FAILED, 'CreateDIBSection failed');
    }
    const previous = api.SelectObject(memoryDc, bitmap);
    const pixels = new Uint8Array(loadKoffi().view(bits[0], screen.width * screen.height * 4));
    this.#target = { screen, memoryDc, bitmap, previous, pixels, filled: false };
    return this.#target;
  }

  #freeTarget(): void {
    const target = this.#target;
    if (target === undefined) return;
    this.#target = undefined;
    const api = gdi();
    api.SelectObject(target.memoryDc, target.previous);
    api.DeleteObject(target.bitmap);
    api.DeleteDC(target.memoryDc);
  }
}
