import type { CapturedFrame, ScreenFrame } from '@fernhilfe/desktop';
import { WindowsError } from '../errors';
import { DxgiStatus } from '../win32/dxgi';
import { monitorCount, readVirtualScreen, sameScreen, type VirtualScreen } from '../win32/screen-metrics';
import { DesktopDuplication } from './desktop-duplication';
import { GdiScreenCapture } from './gdi-capture';

/** A full GDI capture at least this often, so nothing duplication missed stays on screen. */
const FULL_CAPTURE_INTERVAL_MS = 2000;
/**
 * After duplication failed for a passing reason (mode change, secure desktop, other capture
 * programs), it is tried again this much later, the wait doubling up to the maximum.
 */
const DUPLICATION_RETRY_MS = 3000;
const DUPLICATION_RETRY_MAX_MS = 30_000;

/** How the screen is captured now, and why not with duplication. */
export interface CaptureMethod {
  /** `dxgi` while Desktop Duplication reports the changes, else `gdi`. */
  method: 'dxgi' | 'gdi';
  /** Why duplication is not in use (turned off, unavailable, lost), `undefined` while it is. */
  fallbackReason: string | undefined;
}

/**
 * Captures the whole virtual screen: with Desktop Duplication where Windows offers it (the
 * changed rectangles become the frame's damage and only they are copied), else with GDI. GDI
 * fills the frame first and again every two seconds, and takes over while duplication is
 * unavailable: for good where it is not implemented, else until a retry succeeds.
 */
export class ScreenCapture {
  readonly #gdi: GdiScreenCapture;
  readonly #now: () => number;
  #duplication: DesktopDuplication | undefined;
  #retryAt: number;
  #retryDelay = DUPLICATION_RETRY_MS;
  #fallbackReason: string | undefined;
  #frame: ScreenFrame | undefined;
  #fullCaptureDue = 0;

  /**
   * @param maxPixels - largest virtual screen a buffer is allocated for
   * @param duplication - whether to try Desktop Duplication
   * @param now - clock in ms
   */
  constructor(maxPixels: number, duplication: boolean, now: () => number = () => performance.now()) {
    this.#gdi = new GdiScreenCapture(maxPixels);
    this.#now = now;
    this.#retryAt = duplication ? 0 : Number.POSITIVE_INFINITY;
    this.#fallbackReason = duplication ? undefined : 'turned off';
  }

  /** The virtual screen as of the last capture. */
  get screen(): VirtualScreen {
    return this.#gdi.screen;
  }

  /** How the screen is captured now. */
  get method(): CaptureMethod {
    return { method: this.#duplication ? 'dxgi' : 'gdi', fallbackReason: this.#fallbackReason };
  }

  /**
   * @returns the frame (a view valid until the next capture) with the changed rectangles when
   *   duplication knows them, else `damage: undefined`
   * @throws `WindowsError` as `GdiScreenCapture.capture` does
   */
  capture(): CapturedFrame {
    const now = this.#now();
    const duplication = this.#duplicationAt(now);
    const frame = this.#frame;
    if (duplication !== undefined && !sameScreen(readVirtualScreen(), duplication.screen)) {
      // Monitors moved or changed size: start again with the new arrangement.
      this.#lose(new Error('the screen changed'), now);
    } else if (duplication !== undefined && frame !== undefined && now < this.#fullCaptureDue) {
      try {
        const damage = duplication.update({ screen: duplication.screen, pixels: frame.data });
        return { frame, hints: { damage } };
      } catch (error) {
        this.#lose(error, now + DUPLICATION_RETRY_MS);
      }
    }
    this.#frame = this.#gdi.capture();
    this.#fullCaptureDue = now + FULL_CAPTURE_INTERVAL_MS;
    return { frame: this.#frame, hints: { damage: undefined } };
  }

  /** Stops duplicating and frees the GDI objects. Safe to call twice. */
  close(): void {
    this.#duplication?.close();
    this.#duplication = undefined;
    this.#retryAt = Number.POSITIVE_INFINITY;
    this.#gdi.close();
  }

  #duplicationAt(now: number): DesktopDuplication | undefined {
    if (this.#duplication !== undefined || now < this.#retryAt) return this.#duplication;
    try {
      this.#duplication = DesktopDuplication.open(readVirtualScreen(), monitorCount());
      this.#fallbackReason = undefined;
      this.#retryDelay = DUPLICATION_RETRY_MS;
      // The new duplication's first image is the whole screen; GDI's frame is its base.
      this.#fullCaptureDue = 0;
    } catch (error) {
      this.#lose(error, lastsForGood(error) ? Number.POSITIVE_INFINITY : now + this.#retryDelay);
      this.#retryDelay = Math.min(this.#retryDelay * 2, DUPLICATION_RETRY_MAX_MS);
    }
    return this.#duplication;
  }

  #lose(error: unknown, retryAt: number): void {
    this.#duplication?.close();
    this.#duplication = undefined;
    this.#retryAt = retryAt;
    this.#fallbackReason = error instanceof Error ? error.message : String(error);
  }
}

/**
 * Whether duplication cannot start on this system at all: it is not implemented (Windows 7, wine)
 * or Direct3D 11 cannot be loaded. Anything else (secure desktop, other capture programs, a mode
 * change) passes.
 */
function lastsForGood(error: unknown): boolean {
  if (!(error instanceof WindowsError)) return true;
  return (error as WindowsError & { hresult?: number }).hresult === DxgiStatus.NOT_IMPLEMENTED;
}
