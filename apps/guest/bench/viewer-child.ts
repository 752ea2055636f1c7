// Starts bench/viewer-process.ts (the relay and a headless viewer) in a child process, so the
// figures a guest bench takes of its own process count only the guest.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { FrameArrival } from '../e2e/support/viewer';

const VIEWER = fileURLToPath(new URL('./viewer-process.ts', import.meta.url));

/** The relay and viewer process, waiting for a guest to join. */
export interface ViewerChild {
  /** The relay's WebSocket endpoint on loopback. */
  url: string;
  /** The session number the guest joins with. */
  number: string;
  /**
   * Ends the call and the relay (once; later calls give the same answer); kills the process if
   * it does not exit within 3 s.
   * @returns every frame the viewer decoded, with its arrival, open and decode time
   */
  stop(): Promise<FrameArrival[]>;
}

/**
 * Starts the relay and a headless viewer that creates a session, then decodes and acknowledges
 * every frame.
 *
 * @returns the relay address and the session number, once the session exists
 */
export async function startViewerProcess(): Promise<ViewerChild> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@fernhilfe/source', VIEWER], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const exitedEarly = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`viewer process exited with ${code}`))),
  );
  exitedEarly.catch(() => undefined);
  const nextLine = async () => {
    const line = await Promise.race([lines.next(), exitedEarly]);
    if (line.done) throw new Error('viewer process closed its output');
    return line.value;
  };
  const { url, number } = JSON.parse(await nextLine()) as { url: string; number: string };
  const stop = async (): Promise<FrameArrival[]> => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.stdin.end();
    const report = await Promise.race([
      lines.next().then((line) => (line.done ? '{}' : line.value)),
      new Promise<string>((resolve) => setTimeout(() => resolve('{}'), 3000)),
    ]);
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
    return (JSON.parse(report) as { arrivals?: FrameArrival[] }).arrivals ?? [];
  };
  let stopped: Promise<FrameArrival[]> | undefined;
  return {
    url,
    number,
    stop: () => {
      stopped ??= stop();
      return stopped;
    },
  };
}
