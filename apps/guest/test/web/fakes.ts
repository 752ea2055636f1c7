import type { Frame } from '@fernhilfe/codec';
import type { EndReason } from '@fernhilfe/session';
import type { GuestChannel, GuestReport, PeerInfo, SessionEnd } from '@fernhilfe/transport';
import type { ScreenShare } from '../../src/web/screen-share';

/** An in-memory stand-in for the relay's paired channel, wired to a peer function. */
export class FakeChannel implements GuestChannel {
  readonly peer: PeerInfo;
  readonly ended: Promise<SessionEnd>;
  /** Reasons given to `close`, in order. */
  readonly closes: EndReason[] = [];
  /** Reports sent to the relay, in order; `closes.length` at the time tells what came first. */
  readonly reports: Array<GuestReport & { closesBefore: number }> = [];
  /** Makes every `report` fail (the relay link is in trouble). */
  failReports = false;
  /** Where sent payloads go (the viewer). */
  toPeer: (bytes: Uint8Array) => void = () => undefined;
  #handler: ((bytes: Uint8Array) => void) | undefined;
  #settle!: (end: SessionEnd) => void;
  #open = true;

  constructor(peer: PeerInfo) {
    this.peer = peer;
    this.ended = new Promise((resolve) => {
      this.#settle = resolve;
    });
  }

  send(bytes: Uint8Array): Promise<void> {
    if (!this.#open) return Promise.reject(new Error('closed'));
    queueMicrotask(() => this.toPeer(bytes));
    return Promise.resolve();
  }

  report(report: GuestReport): Promise<void> {
    if (this.failReports) return Promise.reject(new Error('report failed'));
    if (!this.#open) return Promise.reject(new Error('closed'));
    this.reports.push({ ...report, closesBefore: this.closes.length });
    return Promise.resolve();
  }

  onMessage(handler: (bytes: Uint8Array) => void): void {
    this.#handler = handler;
  }

  /** A payload from the viewer arrives. */
  deliver(bytes: Uint8Array): void {
    if (this.#open) queueMicrotask(() => this.#handler?.(bytes));
  }

  close(reason: EndReason = 'guest-ended'): void {
    this.closes.push(reason);
    this.drop(reason);
  }

  /** The relay ended the session (or the socket dropped). */
  drop(reason: EndReason = 'peer-lost'): void {
    if (!this.#open) return;
    this.#open = false;
    this.#settle({ reason });
  }

  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    throw new Error('not used by the page');
  }
}

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
