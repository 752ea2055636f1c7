import { type ChildProcess, spawn } from 'node:child_process';

/** A child process whose output the test watches and whose stdin it can type into. */
export interface WatchedProcess {
  readonly child: ChildProcess;
  /** Everything printed so far (stdout and stderr interleaved). */
  output(): string;
  /** Output since the last `mark()`. */
  sinceMark(): string;
  /** Remembers the current end of the output. */
  mark(): void;
  /** Waits until `pattern` matches the output after the last mark (or all output with `fromStart`). */
  waitFor(pattern: RegExp, options?: { timeoutMs?: number; fromStart?: boolean }): Promise<RegExpExecArray>;
  /** Types one line (adds the newline). */
  typeLine(line: string): void;
  /** Resolves with the exit code once the process ended. */
  readonly exited: Promise<number | null>;
  /** Stops the process (SIGTERM, then SIGKILL after 3 s). */
  stop(): Promise<void>;
}

/**
 * Starts a program with piped stdio and records its output.
 *
 * @param file - program
 * @param args - arguments
 * @param options - environment and working directory
 * @returns the watched process
 */
export function startWatched(
  file: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; label: string },
): WatchedProcess {
  const child = spawn(file, args, {
    env: options.env ?? process.env,
    cwd: options.cwd,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let text = '';
  let markAt = 0;
  const append = (chunk: Buffer) => {
    text += chunk.toString('utf8');
    if (process.env.FERNHILFE_E2E_VERBOSE) process.stderr.write(`[${options.label}] ${chunk.toString('utf8')}`);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const escapeSequence = new RegExp(`${String.fromCharCode(27)}\\[[0-9;?]*[A-Za-z]`, 'g');
  const plain = () => text.replace(escapeSequence, '');
  return {
    child,
    output: plain,
    sinceMark: () => plain().slice(markAt),
    mark() {
      markAt = plain().length;
    },
    waitFor(pattern, { timeoutMs = 20_000, fromStart = false } = {}) {
      const started = Date.now();
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(fromStart ? plain() : plain().slice(markAt));
          if (match) return resolve(match);
          if (child.exitCode !== null && child.exitCode !== undefined) {
            return reject(new Error(`${options.label} exited (${child.exitCode}) before ${pattern}:\n${plain()}`));
          }
          if (Date.now() - started > timeoutMs) {
            return reject(new Error(`${options.label}: no ${pattern} within ${timeoutMs} ms:\n${plain()}`));
          }
          setTimeout(check, 25);
        };
        check();
      });
    },
    typeLine(line) {
      child.stdin?.write(`${line}\n`);
    },
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}
