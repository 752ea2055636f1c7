// Starts bench/viewer-process.ts (the relay and a headless viewer) in a child process, so the
// figures a guest bench takes of its own process count only the guest.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const VIEWER = fileURLToPath(new URL('./viewer-process.ts', import.meta.url));

/** The relay and viewer process, waiting for a guest to join. */
export interface ViewerChild {
  /** The relay's WebSocket endpoint on loopback. */
  url: string;
  /** The session number the guest joins with. */
  number: string;
  /** Ends the call and the relay; kills the process if it does not exit within 3 s. */
  stop(): Promise<void>;
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
