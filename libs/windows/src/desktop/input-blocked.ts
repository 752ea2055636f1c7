import type { InputBlockedReason } from '@fernhilfe/desktop';

/** The cheap questions asked to tell whether Windows will refuse injected input. */
export interface InputBlockProbe {
  /** @returns the name of the desktop receiving input (`Default` normally), `undefined` when we may not open it */
  inputDesktopName(): string | undefined;
  /** @returns whether the foreground window's process runs elevated or cannot be queried */
  foregroundElevated(): boolean;
  /** @returns whether this process runs elevated (asked once) */
  selfElevated(): boolean;
}

/** Options of {@link InputBlockedMonitor}. */
export interface InputBlockedMonitorOptions {
  /** Least time between two probes, in ms. @default 250 */
  intervalMs?: number;
  /** Clock in ms. @default performance.now */
  now?: () => number;
}

/**
 * Follows whether Windows will refuse injected input, probing at most once per interval, and
 * tells listeners once per change into a blocked state (not once per event).
 */
export class InputBlockedMonitor {
  readonly #probe: InputBlockProbe;
  readonly #intervalMs: number;
  readonly #now: () => number;
  readonly #listeners = new Set<(reason: InputBlockedReason) => void>();
  #state: InputBlockedReason | undefined;
  #lastProbe = Number.NEGATIVE_INFINITY;
  #selfElevated: boolean | undefined;

  /**
   * @param probe - the questions to ask (Win32 in the product, a fake in tests)
   * @param options - probe interval and clock
   */
  constructor(probe: InputBlockProbe, options: InputBlockedMonitorOptions = {}) {
    this.#probe = probe;
    this.#intervalMs = options.intervalMs ?? 250;
    this.#now = options.now ?? (() => performance.now());
  }

  /** The reason input is refused now, `undefined` when it is accepted (as of the last probe). */
  get state(): InputBlockedReason | undefined {
    return this.#state;
  }

  /**
   * Adds a listener for input becoming blocked.
   *
   * @param listener - called with the reason on each change into a blocked state
   * @returns a function removing the listener
   */
  onBlocked(listener: (reason: InputBlockedReason) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Probes (unless probed within the interval) before input is injected. */
  beforeInput(): void {
    const now = this.#now();
    if (now - this.#lastProbe < this.#intervalMs) return;
    this.#lastProbe = now;
    this.#set(this.#ask());
  }

  /**
   * Records that `SendInput` inserted fewer events than given: probes at once, and without
   * another explanation counts it as the secure desktop (what makes SendInput fail outright).
   */
  reportShortfall(): void {
    this.#lastProbe = this.#now();
    this.#set(this.#ask() ?? 'secure-desktop');
  }

  #ask(): InputBlockedReason | undefined {
    try {
      if (this.#probe.inputDesktopName() !== 'Default') return 'secure-desktop';
      this.#selfElevated ??= this.#probe.selfElevated();
      if (!this.#selfElevated && this.#probe.foregroundElevated()) return 'elevated-window';
      return undefined;
    } catch {
      // A probe that fails tells nothing; input is still sent, so nothing is lost by assuming it works.
      return undefined;
    }
  }

  #set(next: InputBlockedReason | undefined): void {
    if (next === this.#state) return;
    this.#state = next;
    if (next === undefined) return;
    for (const listener of [...this.#listeners]) listener(next);
  }
}
