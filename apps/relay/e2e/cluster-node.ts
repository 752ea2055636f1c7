import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { freePort } from '../../../scripts/free-port';

const appDir = join(import.meta.dirname, '..');
const tsxLoader = pathToFileURL(join(appDir, '../../node_modules/tsx/dist/loader.mjs')).href;

/** One relay process of a test cluster. */
export interface ClusterNodeProcess {
  /** The node id. */
  id: string;
  /** `http://127.0.0.1:<port>`. */
  base: string;
  /** `ws://127.0.0.1:<port>/relay`. */
  url: string;
  /** The node's audit file. */
  auditFile: string;
  /** The process. */
  child: ChildProcess;
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>;
  /** Everything it printed to stdout so far. */
  stdout(): string;
}

/**
 * Starts `fernhilfe-relay` (node with tsx as a loader, so a signal reaches the relay itself) as a
 * cluster node on 127.0.0.1, believing `X-Forwarded-For` from 127.0.0.1.
 *
 * @param id - node id
 * @param work - directory for its audit file
 * @param env - `FERNHILFE_REDIS_URL`, `FERNHILFE_CLUSTER_SECRET`, `FERNHILFE_AGENT_TOKEN`, …
 * @returns the node once it listens
 */
export async function startClusterNodeProcess(
  id: string,
  work: string,
  env: Record<string, string>,
): Promise<ClusterNodeProcess> {
  const port = await freePort();
  const url = `ws://127.0.0.1:${port}/relay`;
  const auditFile = join(work, id, 'audit.jsonl');
  // biome-ignore format: one option with its value per line
  const args = [
    '--port', String(port), '--host', '127.0.0.1', '--node-id', id, '--advertise-url', url,
    '--audit-file', auditFile, '--trust-proxy', '127.0.0.1', '--drain-timeout', '60', '--metrics',
  ];
  const child = spawn(
    process.execPath,
    ['--conditions=@fernhilfe/source', '--import', tsxLoader, join(appDir, 'src/main.ts'), ...args],
    { cwd: work, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  await new Promise<void>((resolve, reject) => {
    const check = () => {
      if (stdout.includes('listening on')) resolve();
      else if (child.exitCode !== null) reject(new Error(`node ${id} exited: ${stdout}\n${stderr}`));
      else setTimeout(check, 50);
    };
    check();
  });
  return { id, base: `http://127.0.0.1:${port}`, url, auditFile, child, exited, stdout: () => stdout };
}
