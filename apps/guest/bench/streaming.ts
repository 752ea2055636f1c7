// Streaming cost of the Node guest: capture → encode → send per frame, frames/s sustained and
// CPU per second of streaming, for a typing and a scrolling xterm. The relay and the viewer run
// in a child process; this process is only the guest.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { type FrameCost, startDesktopSession } from '@fernhilfe/desktop';
import { createGuestClient } from '@fernhilfe/transport';
import { openX11Desktop } from '@fernhilfe/x11';
import type { Xvfb } from '../../../scripts/xvfb';

/** What one streaming run measured. */
export interface StreamingResult {
  costs: FrameCost[];
  framesPerSecond: number;
  cpuMsPerSecond: number;
  bytesPerSecond: number;
}

/** Shell loops for the scenes, run in an xterm covering most of the screen. */
export const SCENES = {
  typing: 'i=0; while :; do printf x; i=$((i+1)); [ $((i % 70)) = 0 ] && echo; sleep 0.08; done',
  scrolling: 'while :; do seq 1 100000; done',
} as const;

const VIEWER = fileURLToPath(new URL('./viewer-process.ts', import.meta.url));

async function startViewerProcess() {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@fernhilfe/source', VIEWER], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`viewer process exited with ${code}`)));
  });
  const { url, number } = JSON.parse(first) as { url: string; number: string };
  return {
    url,
    number,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin.end();
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

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
  const costs: FrameCost[] = [];
  let measuring = false;
  try {
    const channel = await createGuestClient({ url: viewer.url, number: viewer.number, proxy: false });
    const session = startDesktopSession({
      channel,
      desktop,
      useDamage,
      onFrame: (cost) => {
        if (measuring) costs.push(cost);
      },
    });
    await new Promise<void>((resolve) => session.on('security-code', () => resolve()));
    await session.confirm();
    await new Promise((resolve) => setTimeout(resolve, 1000)); // keyframe and warm-up
    measuring = true;
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    const elapsed = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    measuring = false;
    await session.end('guest-ended');
    return {
      costs,
      framesPerSecond: costs.length / elapsed,
      cpuMsPerSecond: (cpu.user + cpu.system) / 1000 / elapsed,
      bytesPerSecond: costs.reduce((sum, c) => sum + c.bytes, 0) / elapsed,
    };
  } finally {
    await desktop.close();
    await viewer.stop();
    xterm.kill('SIGKILL');
  }
}
