import type { JoinRateLimiter } from '@fernhilfe/session';

/** At most one notice per limiter in this interval, so a flapping wave cannot flood the log. */
const MIN_NOTICE_INTERVAL_MS = 60_000;

interface Watched {
  limiter: JoinRateLimiter;
  announced: boolean;
  announcedAt: number;
}

/**
 * Tells the operator when a guessing wave starts and ends on each watched limiter. Polled after
 * each failure and by the relay's sweep; a change is announced at most once a minute per limiter
 * (a later poll announces it if it still holds).
 */
export class GuessingWaveNotices {
  readonly #watched: Array<[string, Watched]>;
  readonly #notice: (message: string) => void;
  readonly #clock: () => number;

  /**
   * @param notice - where the lines go
   * @param limiters - limiters by the name a line calls them
   * @param clock - milliseconds @defaultValue `Date.now`
   */
  constructor(notice: (message: string) => void, limiters: Record<string, JoinRateLimiter>, clock = Date.now) {
    this.#notice = notice;
    this.#clock = clock;
    this.#watched = Object.entries(limiters).map(([name, limiter]) => [
      name,
      { limiter, announced: false, announcedAt: Number.NEGATIVE_INFINITY },
    ]);
  }

  /** Compares each limiter's wave with what was last announced and announces a change. */
  poll(): void {
    const now = this.#clock();
    for (const [name, watched] of this.#watched) {
      const wave = watched.limiter.wave;
      if (wave === watched.announced || now - watched.announcedAt < MIN_NOTICE_INTERVAL_MS) continue;
      watched.announced = wave;
      watched.announcedAt = now;
      const { failures } = watched.limiter.stats();
      const counts = Object.entries(failures)
        .filter(([, count]) => count > 0)
        .map(([reason, count]) => `${reason} ${count}`)
        .join(', ');
      this.#notice(
        wave
          ? `guessing wave on ${name} started: the global failure budget is used up (failures since start: ${counts}). ` +
              'Each further failure now costs its address and network more; addresses without failures are not refused.'
          : `guessing wave on ${name} ended: the global failure budget has refilled (failures since start: ${counts}).`,
      );
    }
  }
}
