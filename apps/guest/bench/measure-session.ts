// One measured desktop session of a guest bench: join the relay, consent, warm up, then record
// the cost of every frame sent for a fixed time. Imports no platform layer, so the Windows
// bench can bundle it for Node under wine.
import { type Desktop, type FrameCost, startDesktopSession } from '@fernhilfe/desktop';
import { createGuestClient } from '@fernhilfe/transport';
import type { FrameArrival } from '../e2e/support/viewer';

/** What one streaming run measured. */
export interface StreamingResult {
  costs: FrameCost[];
  /** The viewer's side of the frames (arrival, open, decode), when the viewer reported it. */
  arrivals?: FrameArrival[];
  framesPerSecond: number;
  cpuMsPerSecond: number;
  bytesPerSecond: number;
}

/** Options of {@link measureSession}. */
export interface MeasureSessionOptions {
  /** The relay's WebSocket endpoint. */
  url: string;
  /** The session number the viewer created. */
  number: string;
  /** The open desktop to stream; the caller closes it. */
  desktop: Desktop;
  /** Measured streaming time. */
  seconds: number;
  /** DAMAGE hints on (the guest's default) or off (compare whole frames). @defaultValue true */
  useDamage?: boolean;
  /** Unmeasured time after the consent: the keyframe and the warm-up. @defaultValue 1000 */
  warmUpMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Streams the desktop to the viewer for `seconds` after a warm-up and measures this process,
 * then ends the session as the guest.
 *
 * @param options - where to join, what to stream, for how long
 * @returns the cost of every measured frame, frames/s, CPU and bytes per second
 */
export async function measureSession(options: MeasureSessionOptions): Promise<StreamingResult> {
  const costs: FrameCost[] = [];
  let measuring = false;
  const channel = await createGuestClient({ url: options.url, number: options.number, proxy: false });
  const session = startDesktopSession({
    channel,
    desktop: options.desktop,
    useDamage: options.useDamage ?? true,
    onFrame: (cost) => {
      if (measuring) costs.push(cost);
    },
  });
  await new Promise<void>((resolve) => session.on('security-code', () => resolve()));
  await session.confirm();
  await sleep(options.warmUpMs ?? 1000);
  measuring = true;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await sleep(options.seconds * 1000);
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
}
