import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A real tinyproxy on loopback. */
export interface Tinyproxy {
  url: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function listening(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`tinyproxy exited with ${child.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => resolve(socket.destroy() !== undefined));
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('tinyproxy did not start listening');
}

/** Starts tinyproxy (foreground, own config) with Basic auth; fails when it is not installed. */
export async function startTinyproxy(auth: { username: string; password: string }): Promise<Tinyproxy> {
  const binary = execFileSync('sh', ['-c', 'command -v tinyproxy || echo /usr/bin/tinyproxy'], {
    encoding: 'utf8',
  }).trim();
  const dir = mkdtempSync(join(tmpdir(), 'fernhilfe-guest-proxy-'));
  const port = await freePort();
  const config = [
    `Port ${port}`,
    'Listen 127.0.0.1',
    'Timeout 30',
    'MaxClients 20',
    'Allow 127.0.0.1',
    `PidFile "${join(dir, 'tinyproxy.pid')}"`,
    `BasicAuth ${auth.username} ${auth.password}`,
    ...(process.getuid?.() === 0 ? ['User nobody', 'Group nogroup'] : []),
  ];
  const configFile = join(dir, 'tinyproxy.conf');
  writeFileSync(configFile, `${config.join('\n')}\n`);
  execFileSync('chmod', ['-R', 'a+rwX', dir]);
  const child = spawn(binary, ['-d', '-c', configFile], { stdio: 'ignore' });
  await listening(port, child);
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
