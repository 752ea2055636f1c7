/** How the remote screen is scaled: shrink to the available space, or one remote pixel per CSS pixel. */
export type ScaleMode = 'fit' | '1:1';

/**
 * The CSS size to draw the remote screen at.
 *
 * @param remoteWidth - remote framebuffer width
 * @param remoteHeight - remote framebuffer height
 * @param availableWidth - room on the page (CSS px)
 * @param availableHeight - room on the page (CSS px)
 * @param mode - scaling mode; `fit` never enlarges (text stays sharp)
 * @returns size in CSS px and the scale factor (CSS px per remote px)
 */
export function displaySize(
  remoteWidth: number,
  remoteHeight: number,
  availableWidth: number,
  availableHeight: number,
  mode: ScaleMode,
): { width: number; height: number; scale: number } {
  if (remoteWidth <= 0 || remoteHeight <= 0) return { width: 0, height: 0, scale: 1 };
  const scale =
    mode === '1:1'
      ? 1
      : Math.max(0, Math.min(1, availableWidth / remoteWidth, availableHeight / remoteHeight)) || Number.EPSILON;
  return { width: remoteWidth * scale, height: remoteHeight * scale, scale };
}
