import type { Frame } from '@fernhilfe/codec';
import type { ScreenShare } from '../../src/web/screen-share';

export { FakeChannel, pairWithViewerCall } from '../../../../scripts/fake-guest-channel';

/** A screen share that serves frames a test paints. */
export class FakeShare implements ScreenShare {
  frame: Frame | undefined;
  grabs = 0;
  stopped = false;
  #frameListener: () => void = () => undefined;
  #endedListener: () => void = () => undefined;

  constructor(width: number, height: number, color: readonly [number, number, number]) {
    this.paint(width, height, color);
  }

  /** Shows a new solid picture. */
  paint(width: number, height: number, [r, g, b]: readonly [number, number, number]): void {
    const data = new Uint8Array(width * height * 4);
    for (let i = 0; i < data.length; i += 4) data.set([r, g, b, 255], i);
    this.frame = { width, height, data, format: 'rgba' };
    this.#frameListener();
  }

  onFrame(listener: () => void): void {
    this.#frameListener = listener;
  }

  grab(): Frame | undefined {
    this.grabs++;
    return this.frame;
  }

  onEnded(listener: () => void): void {
    this.#endedListener = listener;
  }

  /** The customer pressed the browser's "Stop sharing". */
  endFromBrowser(): void {
    this.#endedListener();
  }

  stop(): void {
    this.stopped = true;
  }
}

/** Resolves after pending microtasks and timers of `ms`. */
export function settle(ms = 0): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls until `check` is true, or fails after `timeoutMs` (generous: the machine may be busy). */
export async function until(what: string, check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await settle(5);
  }
}
