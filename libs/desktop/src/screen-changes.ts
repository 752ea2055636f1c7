import type { Desktop } from './desktop';

/** Whether the screen changed since the last look, without capturing it. */
export interface ScreenChanges {
  /**
   * Returns whether something changed since the previous call and resets the flag. Without
   * the desktop's change notices only a capture and the encoder can tell: then it is `true` at most once per
   * poll interval, so an idle screen is compared at the poll rate and no faster.
   */
  take(): boolean;
  /** Whether a change notice arrived since the last {@link ScreenChanges.take} (always `false` without notices). */
  readonly pending: boolean;
  /** Stops watching. */
  close(): void;
}

/**
 * Watches the desktop's change notices ({@link Desktop.onScreenChange}, e.g. X DAMAGE). The
 * desktop itself collects the rectangles for the next capture; this only notes that there are
 * some, so an idle screen costs no capture and no encoding.
 *
 * @param desktop - the open desktop
 * @param useDamage - `false` to ignore change notices and hints even when the desktop has them
 * @param pollIntervalMs - without DAMAGE, the least time between two `true` answers
 * @param onNotice - called on every change notice, so the caller can capture right away
 * @returns the watcher; the first `take()` is `true`
 */
export function watchScreenChanges(
  desktop: Desktop,
  useDamage: boolean,
  pollIntervalMs: number,
  onNotice: () => void = () => undefined,
): ScreenChanges {
  if (!useDamage || !desktop.features.damage || desktop.onScreenChange === undefined) {
    let last = Number.NEGATIVE_INFINITY;
    return {
      take() {
        const now = performance.now();
        if (now - last < pollIntervalMs * 0.8) return false; // timers fire a little early or late
        last = now;
        return true;
      },
      pending: false,
      close: () => undefined,
    };
  }
  let changed = true;
  const stop = desktop.onScreenChange(() => {
    changed = true;
    onNotice();
  });
  return {
    take() {
      const was = changed;
      changed = false;
      return was;
    },
    get pending() {
      return changed;
    },
    close: stop,
  };
}
