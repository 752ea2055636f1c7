import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

/** A long-running command from a consumer's `node_modules/.bin`. */
export interface RunningCommand {
  /** First capture group of the output line that showed it is ready. */
  ready: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts `node_modules/.bin/<bin>` in `project` and waits until its output matches `readyLine`.
 *
 * @param project - the consumer project
 * @param bin - command name
 * @param args - its arguments
 * @param readyLine - a pattern with one capture group
 * @param timeoutMs - how long to wait for it
 */
export function startInstalledCommand(
  project: string,
  bin: string,
  args: readonly string[],
  readyLine: RegExp,
  timeoutMs = 30_000,
): Promise<RunningCommand> {
  const child: ChildProcess = spawn(join(project, 'node_modules/.bin', bin), args, {
    cwd: project,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${bin} not ready after ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const hear = (chunk: Buffer) => {
      output += chunk.toString();
      const match = readyLine.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ ready: match[1] as string, output: () => output, stop });
      }
    };
    child.stdout?.on('data', hear);
    child.stderr?.on('data', hear);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${bin} exited with ${code} before it was ready:\n${output}`));
    });
  });
}
