import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AGENT, AGENT_TOKEN } from './relay';

const REPO = fileURLToPath(new URL('../../../..', import.meta.url));

/** The real `fernhilfe-relay` command in its own process (apps never import each other's files). */
export interface RelayProcess {
  /** `http://127.0.0.1:PORT` */
  base: string;
  /** `ws://127.0.0.1:PORT/relay` */
  url: string;
  /** Everything it printed. */
  readonly output: string;
  /** Its process id (for CPU figures). */
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

/**
 * Starts the relay from source on a free loopback port with the e2e agent token, serving the
 * support page from `staticGuest`, the guest modules from `guestModules` and the agent console
 * from `staticViewer` (none when not given).
 *
 * @param options - the directories
 * @returns the running relay, once its banner is out
 */
export async function startRelayProcess(options: {
  staticGuest: string;
  guestModules: string;
  staticViewer?: string;
}): Promise<RelayProcess> {
  const work = mkdtempSync(join(tmpdir(), 'fernhilfe-relay-process-'));
  // biome-ignore format: one option with its value per line
  const args = [
    '--conditions=@fernhilfe/source', '--import', 'tsx', join(REPO, 'apps/relay/src/main.ts'),
    '--port', '0', '--host', '127.0.0.1', '--agent-token', AGENT_TOKEN,
    '--org', AGENT.org, '--agent-name', AGENT.displayName,
    '--audit-file', join(work, 'audit.jsonl'), '--static-guest', options.staticGuest,
    '--static-viewer', options.staticViewer ?? join(work, 'no-viewer'), '--guest-modules', options.guestModules,
  ];
  const child: ChildProcess = spawn(process.execPath, args, { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 60_000;
  let port: string | undefined;
  while (port === undefined) {
    port = /listening on https?:\/\/[^:]+:(\d+)/.exec(output)?.[1];
    if (port !== undefined) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      rmSync(work, { recursive: true, force: true });
      throw new Error(`the relay did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    base: `http://127.0.0.1:${port}`,
    url: `ws://127.0.0.1:${port}/relay`,
    get output() {
      return output;
    },
    pid: child.pid,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(work, { recursive: true, force: true });
    },
  };
}
