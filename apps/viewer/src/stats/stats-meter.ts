/** Live figures for the status bar. */
export interface ViewerStats {
  /** Screen updates per second over the last window. */
  framesPerSecond: number;
  /** Received screen bits per second / 1000 over the last window. */
  kilobitsPerSecond: number;
  /** Latest round-trip time in ms; `undefined` before the first measurement. */
  roundTripMs: number | undefined;
  /** Time since the customer consented, in ms; 0 before. */
  durationMs: number;
  /** Screen updates received in this session. */
  totalFrames: number;
  /** Screen bytes received in this session. */
  totalBytes: number;
}

/** Counts frames and bytes in a sliding time window. */
export interface StatsMeter {
  /** Records one received screen update of `bytes` bytes at `at` ms. */
  frame(bytes: number, at: number): void;
  /** Records a round-trip time measurement. */
  rtt(milliseconds: number): void;
  /**
   * @param now - current time in ms
   * @param liveSince - start of the live session in ms, if it started
   * @param endedAt - end of the session in ms, if it ended (freezes the duration)
   */
  snapshot(now: number, liveSince?: number, endedAt?: number): ViewerStats;
  /** Forgets everything (new session). */
  reset(): void;
}

/**
 * @param windowMs - length of the sliding window
 * @default windowMs 2000
 * @returns a fresh meter
 */
export function createStatsMeter(windowMs = 2000): StatsMeter {
  let times: number[] = [];
  let sizes: number[] = [];
  let roundTripMs: number | undefined;
  let totalFrames = 0;
  let totalBytes = 0;

  const prune = (now: number) => {
    let drop = 0;
    while (drop < times.length && times[drop]! <= now - windowMs) drop++;
    if (drop > 0) {
      times = times.slice(drop);
      sizes = sizes.slice(drop);
    }
  };

  return {
    frame(bytes, at) {
      times.push(at);
      sizes.push(bytes);
      totalFrames++;
      totalBytes += bytes;
      prune(at);
    },
    rtt(milliseconds) {
      roundTripMs = milliseconds;
    },
    snapshot(now, liveSince, endedAt) {
      prune(now);
      const seconds = windowMs / 1000;
      const windowBytes = sizes.reduce((sum, size) => sum + size, 0);
      const until = endedAt ?? now;
      return {
        framesPerSecond: times.length / seconds,
        kilobitsPerSecond: (windowBytes * 8) / 1000 / seconds,
        roundTripMs,
        durationMs: liveSince === undefined ? 0 : Math.max(0, until - liveSince),
        totalFrames,
        totalBytes,
      };
    },
    reset() {
      times = [];
      sizes = [];
      roundTripMs = undefined;
      totalFrames = 0;
      totalBytes = 0;
    },
  };
}
