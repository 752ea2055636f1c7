import { foregroundOwner } from '../win32/foreground-window';
import { inputDesktopName } from '../win32/input-desktop';
import { isCurrentProcessElevated, isProcessElevated } from '../win32/process-elevation';
import type { InputBlockProbe } from './input-blocked';

/**
 * The probe of {@link InputBlockProbe} through Win32: `OpenInputDesktop` and its name,
 * `GetForegroundWindow` → process → token elevation.
 *
 * @returns the probe
 */
export function win32BlockProbe(): InputBlockProbe {
  return {
    inputDesktopName,
    foregroundElevated() {
      const { process } = foregroundOwner();
      return process !== 0 && process !== globalThis.process.pid && isProcessElevated(process);
    },
    selfElevated: isCurrentProcessElevated,
  };
}
