import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A private X server for one test file. */
export interface Xvfb {
  /** e.g. `:93` */
  display: string;
  /** The X server's process id (for CPU figures). */
  pid: number | undefined;
  /** Runs an X client program (xwd, xdotool, …) against this display; resolves with stdout. */
  exec(file: string, args: string[]): Promise<Buffer>;
  /** Starts a long-running X client (xterm, …) on this display; it is killed by `stop`. */
  spawnClient(file: string, args: string[], options?: { cwd?: string }): ChildProcess;
  /** Kills the clients and the server. */
  stop(): Promise<void>;
}

/**
 * Throws with a clear message when a program the X tests need is not installed: the
 * tests must fail, never skip, on a machine without them.
 */
export function requirePrograms(programs: readonly string[]): void {
  const missing = programs.filter((p) => spawnSync('sh', ['-c', `command -v ${p}`]).status !== 0);
  if (missing.length > 0) {
    throw new Error(
      `X11 tests need ${missing.join(', ')}; install with: apt-get install -y --no-install-recommends xvfb xterm xdotool x11-apps xfonts-base (or run scripts/ensure-system-deps.sh as root)`,
    );
  }
}

/**
 * Starts Xvfb on a free display number chosen by the server itself (`-displayfd`), so
 * parallel test files and other users of the machine never collide.
 */
export async function startXvfb(size = '1280x800x24', extraArgs: readonly string[] = []): Promise<Xvfb> {
  requirePrograms(['Xvfb', 'xwd', 'xdotool', 'xterm']);
  const server = spawn(
    'Xvfb',
    ['-displayfd', '3', '-screen', '0', size, '-nolisten', 'tcp', '-noreset', ...extraArgs],
    {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    },
  );
  const clients = new Set<ChildProcess>();
  let stderr = '';
  server.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  const number = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`Xvfb did not start within 10 s: ${stderr}`)), 10_000);
    server.stdio[3]?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve(out.trim());
      }
    });
    server.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Xvfb exited with ${code}: ${stderr}`));
    });
  });
  const display = `:${number}`;
  const env = { ...process.env, DISPLAY: display };
  return {
    display,
    pid: server.pid,
    async exec(file, args) {
      const { stdout } = await run(file, args, { env, encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 });
      return stdout;
    },
    spawnClient(file, args, options = {}) {
      const child = spawn(file, args, { env, stdio: 'ignore', cwd: options.cwd });
      clients.add(child);
      child.on('exit', () => clients.delete(child));
      return child;
    },
    async stop() {
      for (const child of clients) child.kill('SIGKILL');
      if (server.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
      server.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))]);
      if (server.exitCode === null) server.kill('SIGKILL');
    },
  };
}
