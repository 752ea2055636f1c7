import { isLive } from '../state/viewer-state';
import { h } from './dom';
import { formatDuration, formatFigure } from './format';
import type { MakeElement, ViewPart } from './view-part';

/** Sets `label value` (value in bold), touching the DOM only when the text changed. */
function setCell(cell: HTMLElement, label: string, value: string): void {
  const text = `${label}${value}`;
  if (cell.dataset.text === text) return;
  cell.dataset.text = text;
  cell.replaceChildren(label, ' ', h(cell.ownerDocument, 'b', {}, value));
}

/**
 * The status bar below the screen: frames per second, bandwidth, round-trip time, duration.
 *
 * @param make - element factory
 * @returns the status bar
 */
export function createStatusBar(make: MakeElement): ViewPart {
  const fps = make('span', { 'data-part': 'fps' });
  const kbps = make('span', { 'data-part': 'kbps' });
  const rtt = make('span', { 'data-part': 'rtt' });
  const duration = make('span', { 'data-part': 'duration' });
  const element = make('footer', { class: 'fh-status', 'data-part': 'status' }, fps, kbps, rtt, duration);
  return {
    element,
    update({ state, stats, lang }, t) {
      element.hidden = !isLive(state) && state.liveSince === undefined;
      setCell(fps, t('status.fps'), formatFigure(stats.framesPerSecond, 1, lang));
      setCell(kbps, t('status.kbps'), formatFigure(stats.kilobitsPerSecond, 0, lang));
      setCell(rtt, t('status.rtt'), stats.roundTripMs === undefined ? '–' : `${Math.round(stats.roundTripMs)} ms`);
      setCell(duration, t('status.duration'), formatDuration(stats.durationMs));
    },
  };
}
