import type { X11Desktop } from '@fernhilfe/x11';

/** Whether the screen changed since the last look, without capturing it. */
export interface ScreenChanges {
  /**
   * Returns whether something changed since the previous call and resets the flag. Without
   * DAMAGE only a capture and the encoder can tell: then it is `true` at most once per
   * poll interval, so an idle screen is compared at the poll rate and no faster.
   */
  take(): boolean;
  /** Stops watching. */
  close(): void;
}

/**
 * Watches DAMAGE notifications on the desktop's connection. The desktop's own damage tracker
 * collects the rectangles for the next capture; this only notes that there are some, so an
 * idle screen costs no capture and no encoding.
 *
 * @param desktop - the open desktop
 * @param useDamage - `false` to ignore DAMAGE even when the server has it
 * @param pollIntervalMs - without DAMAGE, the least time between two `true` answers
 * @returns the watcher; the first `take()` is `true`
 */
export function watchScreenChanges(desktop: X11Desktop, useDamage: boolean, pollIntervalMs: number): ScreenChanges {
  if (!desktop.features.damage || !useDamage) {
    let last = Number.NEGATIVE_INFINITY;
    return {
      take() {
        const now = performance.now();
        if (now - last < pollIntervalMs * 0.8) return false; // timers fire a little early or late
        last = now;
        return true;
      },
      close: () => undefined,
    };
  }
  let changed = true;
  const stop = desktop.connection.onEvent((event) => {
    if (event.name === 'DamageNotify') changed = true;
  });
  return {
    take() {
      const was = changed;
      changed = false;
      return was;
    },
    close: stop,
  };
}
