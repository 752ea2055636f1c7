// Streaming cost of the Node guest: capture → encode → send per frame, frames/s sustained and
// CPU per second of streaming, for a typing and a scrolling xterm. The relay and the viewer run
// in a child process; this process is only the guest.
import { openX11Desktop } from '@fernhilfe/x11';
import type { Xvfb } from '../../../scripts/xvfb';
import { measureSession, type StreamingResult } from './measure-session';
import { startViewerProcess } from './viewer-child';

/** Shell loops for the scenes, run in an xterm covering most of the screen. */
export const SCENES = {
  typing: 'i=0; while :; do printf x; i=$((i+1)); [ $((i % 70)) = 0 ] && echo; sleep 0.08; done',
  scrolling: 'while :; do seq 1 100000; done',
} as const;

/**
 * Streams one scene for `seconds` after a warm-up and measures the guest.
 *
 * @param xvfb - the display
 * @param scene - which shell loop runs in the xterm
 * @param seconds - measured streaming time
 * @param useDamage - DAMAGE hints on (the guest's default) or off (compare whole frames)
 */
export async function measureStreaming(
  xvfb: Xvfb,
  scene: keyof typeof SCENES,
  seconds: number,
  useDamage: boolean,
): Promise<StreamingResult> {
  const xterm = xvfb.spawnClient('xterm', ['-geometry', '200x60+0+0', '-e', 'bash', '--norc', '-c', SCENES[scene]]);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const viewer = await startViewerProcess();
  const desktop = await openX11Desktop({ display: xvfb.display });
  try {
    const result = await measureSession({ url: viewer.url, number: viewer.number, desktop, seconds, useDamage });
    return { ...result, arrivals: await viewer.stop() };
  } finally {
    await desktop.close();
    await viewer.stop();
    xterm.kill('SIGKILL');
  }
}
