import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';

/** A real tinyproxy on loopback, for the proxy tests of the transport and the Node guest. */
export interface RunningProxy {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** What tinyproxy logged so far (connections at least). */
  log: () => string;
  /** Stops tinyproxy and removes its files. */
  stop: () => Promise<void>;
}

function requireBinary(name: string): string {
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error(`${name} is not installed: run scripts/ensure-system-deps.sh (apt-get install ${name})`);
  }
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs = 5_000): Promise<void> {
  const start = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`tinyproxy exited with ${child.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() - start > timeoutMs) throw new Error('tinyproxy did not start listening');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Starts a real tinyproxy on a free loopback port, optionally with Basic auth. */
export async function startTinyproxy(auth?: { username: string; password: string }): Promise<RunningProxy> {
  const binary = requireBinary('tinyproxy');
  const dir = mkdtempSync(join(tmpdir(), 'fernhilfe-tinyproxy-'));
  const port = await freePort();
  const logFile = join(dir, 'tinyproxy.log');
  const lines = [
    `Port ${port}`,
    'Listen 127.0.0.1',
    'Timeout 30',
    'MaxClients 50',
    'Allow 127.0.0.1',
    `LogFile "${logFile}"`,
    'LogLevel Connect',
    `PidFile "${join(dir, 'tinyproxy.pid')}"`,
  ];
  if (process.getuid?.() === 0) lines.push('User nobody', 'Group nogroup');
  if (auth) lines.push(`BasicAuth ${auth.username} ${auth.password}`);
  const config = join(dir, 'tinyproxy.conf');
  writeFileSync(config, `${lines.join('\n')}\n`);
  writeFileSync(logFile, '');
  execFileSync('chmod', ['-R', 'a+rwX', dir]);
  const child = spawn(binary, ['-d', '-c', config], { stdio: 'ignore' });
  await waitForPort(port, child);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    log: () => readFileSync(logFile, 'utf8'),
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
