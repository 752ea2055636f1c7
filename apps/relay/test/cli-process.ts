import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach } from 'vitest';

const appDir = join(import.meta.dirname, '..');
const tsxLoader = pathToFileURL(join(appDir, '../../node_modules/tsx/dist/loader.mjs')).href;

/**
 * Runs the real CLI (`src/main.ts` under node with tsx as a loader, so a SIGKILL reaches the relay
 * itself) in a temp working directory whose `state/` is the state directory; kills what is left
 * after each test and removes the directory after the file.
 *
 * @param prefix - temp directory prefix
 */
export function cliHarness(prefix: string) {
  const work = mkdtempSync(join(tmpdir(), prefix));
  const running: ChildProcess[] = [];
  afterEach(() => {
    for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  function run(args: string[], env: Record<string, string> = {}) {
    const child = spawn(
      process.execPath,
      ['--conditions=@fernhilfe/source', '--import', tsxLoader, join(appDir, 'src/main.ts'), ...args],
      {
        cwd: work,
        env: { ...process.env, FERNHILFE_STATE_DIR: join(work, 'state'), ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    running.push(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const exited = new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? -1)));
    const waitFor = (pattern: RegExp, stream: () => string) =>
      new Promise<RegExpExecArray>((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(stream());
          if (match) resolve(match);
          else if (child.exitCode !== null) reject(new Error(`exited: ${stdout}\n${stderr}`));
          else setTimeout(check, 25);
        };
        check();
      });
    return {
      child,
      exited,
      output: (pattern: RegExp) => waitFor(pattern, () => stdout),
      errors: (pattern: RegExp) => waitFor(pattern, () => stderr),
      stdout: () => stdout,
      stderr: () => stderr,
    };
  }

  /** Runs a module of the CLI (`src/audit-verify.ts`, or `src/main.ts` with `audit …`) to completion. */
  function runToEnd(script: 'audit-verify' | 'main', args: string[]) {
    return spawnSync(
      process.execPath,
      ['--conditions=@fernhilfe/source', '--import', tsxLoader, join(appDir, `src/${script}.ts`), ...args],
      { encoding: 'utf8', cwd: work },
    );
  }

  async function start(extra: string[] = [], env: Record<string, string> = {}) {
    const relay = run(['--port', '0', '--host', '127.0.0.1', ...extra], env);
    const [, base] = await relay.output(/listening on (http:\/\/\S+)/);
    const token =
      extra.includes('--agent-token') || extra.includes('--token-file')
        ? undefined
        : (await relay.output(/Agent token \(shown only now\): (\S+)/))[1];
    return { ...relay, base: (base as string).replace('localhost', '127.0.0.1'), token: token as string };
  }

  return {
    work,
    run,
    start,
    auditVerify: (args: string[]) => runToEnd('audit-verify', args),
    audit: (args: string[]) => runToEnd('main', ['audit', ...args]),
  };
}
