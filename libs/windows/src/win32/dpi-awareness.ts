import { optionalWin32Function } from './library';

/** Which DPI awareness the process runs with once the desktop is opened. */
export type DpiAwareness =
  /** Per-monitor v2 (Windows 10 1703+): every size is in physical pixels. */
  | 'per-monitor-v2'
  /** System aware (older Windows): physical pixels of the primary monitor's scale. */
  | 'system'
  /** Nothing could be declared (already set by a manifest, or unsupported). */
  | 'unchanged';

// windef.h: DPI_AWARENESS_CONTEXT_PER_MONITOR_AWARE_V2 is the pseudo-handle -4.
const PER_MONITOR_AWARE_V2 = -4;

/**
 * Declares the process DPI aware, so that GetSystemMetrics, BitBlt and SendInput speak physical
 * pixels instead of scaled ones. Must run before any window or DC is created; later calls return
 * what the first one achieved.
 *
 * @returns the awareness now in effect
 */
export function declareDpiAwareness(): DpiAwareness {
  // A second declaration fails (the awareness is fixed once set): report the first one's result.
  declared ??= declare();
  return declared;
}

let declared: DpiAwareness | undefined;

function declare(): DpiAwareness {
  const setContext = optionalWin32Function<(context: number) => boolean>(
    'user32.dll',
    'bool __stdcall SetProcessDpiAwarenessContext(intptr_t context)',
  );
  if (setContext?.(PER_MONITOR_AWARE_V2)) return 'per-monitor-v2';
  const setAware = optionalWin32Function<() => boolean>('user32.dll', 'bool __stdcall SetProcessDPIAware()');
  return setAware?.() ? 'system' : 'unchanged';
}
