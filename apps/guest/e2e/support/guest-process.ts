import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The machine's proxy settings must not leak into the tests: each test says what it wants. */
const NO_PROXY_ENV = Object.fromEntries(
  ['NO_PROXY', 'HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY'].flatMap((name) => [
    [name, ''],
    [name.toLowerCase(), ''],
  ]),
);

const CLI = fileURLToPath(new URL('../../src/node/cli.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../../../..', import.meta.url));

/** The real `fernhilfe-guest` CLI in its own process, driven through stdin. */
export interface GuestProcess {
  child: ChildProcess;
  /** Everything printed on stdout so far. */
  readonly output: string;
  /** Waits until stdout matches `pattern` at least `times` times. */
  waitFor(pattern: RegExp, times?: number): Promise<void>;
  /** Types a line into stdin. */
  type(line: string): void;
  /** Resolves with the exit code (or signal name). */
  exited: Promise<number | string>;
  /** Kills the process if it still runs. */
  kill(): void;
}

/** Starts the CLI from source with tsx (`node --import tsx`, so signals reach it directly). */
export function spawnGuest(args: string[], env: Record<string, string | undefined> = {}): GuestProcess {
  return spawnGuestCommand(process.execPath, ['--import', 'tsx', '--conditions=@fernhilfe/source', CLI, ...args], {
    cwd: REPO,
    env: { ...process.env, ...NO_PROXY_ENV, ...env },
  });
}

/**
 * Starts any program that behaves like the CLI (the single-executable Linux module), with exactly
 * the given environment (plus empty proxy variables) and working directory.
 */
export function spawnGuestExecutable(
  file: string,
  args: string[],
  options: { cwd: string; env: Record<string, string | undefined> },
): GuestProcess {
  return spawnGuestCommand(file, args, { cwd: options.cwd, env: { ...NO_PROXY_ENV, ...options.env } });
}

function spawnGuestCommand(
  file: string,
  args: string[],
  options: { cwd: string; env: Record<string, string | undefined> },
): GuestProcess {
  const child = spawn(file, args, { ...options, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  return {
    child,
    get output() {
      return output;
    },
    async waitFor(pattern, times = 1) {
      const deadline = Date.now() + 20_000;
      const all = new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`);
      while ((output.match(all)?.length ?? 0) < times) {
        if (Date.now() > deadline) throw new Error(`guest never printed ${pattern}; output:\n${output}`);
        if (child.exitCode !== null) throw new Error(`guest exited (${child.exitCode}) before ${pattern}:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    type(line) {
      child.stdin?.write(`${line}\n`);
    },
    exited,
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}
