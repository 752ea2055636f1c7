import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { requirePrograms, type Xvfb } from './xvfb';

const run = promisify(execFile);

/** What a Windows program run under wine printed, and how it ended. */
export interface WineRun {
  /** Exit code, or `null` when it was killed. */
  code: number | null;
  /** stdout and stderr together (wine programs cannot write to a pipe, so they go through a file). */
  output: string;
}

/** A fresh wine prefix (a Windows installation) showing its windows on one Xvfb display. */
export interface Wine {
  /** The prefix directory. */
  prefix: string;
  /** Environment for wine commands: WINEPREFIX, DISPLAY, quiet debug output. */
  env: NodeJS.ProcessEnv;
  /**
   * Runs a Windows program to its end.
   *
   * @param exe - path of the .exe (Linux path) or a program wine knows (`notepad`)
   * @param args - its arguments
   * @param options - working directory, extra environment, time limit (default 120 s, then killed)
   */
  run(exe: string, args: readonly string[], options?: WineSpawnOptions & { timeoutMs?: number }): Promise<WineRun>;
  /**
   * Starts a Windows program that keeps running (notepad, the guest exe); killed by `stop`.
   * Its output collects in a file read by `output()`.
   */
  spawn(exe: string, args: readonly string[], options?: WineSpawnOptions): WineProcess;
  /** Kills every program of the prefix and deletes it. */
  stop(): Promise<void>;
}

/** Options of {@link Wine.spawn}. */
export interface WineSpawnOptions {
  /** Working directory. */
  cwd?: string;
  /** Extra environment variables. */
  env?: NodeJS.ProcessEnv;
}

/** A running Windows program. */
export interface WineProcess {
  /** The `wine` process. */
  child: ChildProcess;
  /** What it printed so far. */
  output(): string;
  /** Resolves with the exit code when it ends. */
  exited: Promise<number | null>;
}

/**
 * Creates a wine prefix (about 15 s) for one test file, on the given X display.
 *
 * @param xvfb - the display its windows appear on
 * @returns the prefix, ready to run programs
 */
export async function startWine(xvfb: Xvfb): Promise<Wine> {
  requirePrograms(['wine', 'wineboot', 'wineserver']);
  const prefix = mkdtempSync(join(tmpdir(), 'fernhilfe-wine-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    WINEPREFIX: prefix,
    WINEDEBUG: '-all',
    WINEDLLOVERRIDES: 'mscoree,mshtml=',
    DISPLAY: xvfb.display,
  };
  const processes = new Set<ChildProcess>();
  await run('wineboot', ['-i'], { env, timeout: 120_000 });
  // Node 22 refuses to start on wine's default Windows 7.
  await run('winecfg', ['/v', 'win10'], { env, timeout: 120_000 });
  await run('wineserver', ['-w'], { env, timeout: 120_000 });

  const spawnWine = (exe: string, args: readonly string[], options: WineSpawnOptions = {}): WineProcess => {
    const outFile = join(prefix, `out-${Date.now()}-${Math.random().toString(36).slice(2)}.txt`);
    const fd = openSync(outFile, 'w');
    const child = spawn('wine', [exe, ...args], {
      env: { ...env, ...options.env },
      cwd: options.cwd,
      stdio: ['ignore', fd, fd],
    });
    closeSync(fd);
    processes.add(child);
    const exited = new Promise<number | null>((resolve) => {
      child.on('exit', (code) => {
        processes.delete(child);
        resolve(code);
      });
      child.on('error', () => resolve(null));
    });
    return { child, exited, output: () => readFileSync(outFile, 'utf8') };
  };

  return {
    prefix,
    env,
    async run(exe, args, options = {}) {
      const started = spawnWine(exe, args, options);
      const timer = setTimeout(() => started.child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
      const code = await started.exited;
      clearTimeout(timer);
      return { code, output: started.output() };
    },
    spawn: spawnWine,
    async stop() {
      for (const child of processes) child.kill('SIGKILL');
      await run('wineserver', ['-k'], { env }).catch(() => undefined);
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}
