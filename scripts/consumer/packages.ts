import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Every workspace a user installs from the registry, by directory. */
export const PUBLISHED = [
  'libs/codec',
  'libs/crypto',
  'libs/session',
  'libs/transport',
  'libs/call',
  'libs/desktop',
  'libs/x11',
  'libs/windows',
  'apps/relay',
  'apps/guest',
  'apps/viewer',
] as const;

/** A packed workspace: its name and the tarball `npm pack` wrote. */
export interface PackedPackage {
  name: string;
  tarball: string;
  files: string[];
}

/** The output of a finished process; `code` is its exit code. */
export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command to its end without a shell and collects its output.
 *
 * @param command - executable
 * @param args - its arguments
 * @param options - working directory and extra environment
 * @returns exit code and output
 */
export function run(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Fails with the command's output unless it exited with 0.
 *
 * @returns the result for further checks
 */
export async function runOk(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<RunResult> {
  const result = await run(command, args, options);
  if (result.code !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited with ${result.code}\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}

/** The `package.json` of a workspace, as published. */
export async function manifest(dir: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(join(ROOT, dir, 'package.json'), 'utf8')) as Record<string, unknown>;
}

/**
 * Packs every published workspace as `npm publish` would (the builds come from nx before the
 * test runs, so lifecycle scripts are skipped) into `destination`.
 *
 * @param destination - directory for the tarballs
 * @returns one entry per workspace
 */
export async function packWorkspaces(destination: string): Promise<PackedPackage[]> {
  const args = ['pack', '--json', '--ignore-scripts', '--pack-destination', destination];
  for (const dir of PUBLISHED) args.push('--workspace', dir);
  const { stdout } = await runOk('npm', args, { cwd: ROOT });
  const packed = JSON.parse(stdout) as { name: string; filename: string; files: { path: string }[] }[];
  return packed.map((entry) => ({
    name: entry.name,
    tarball: join(destination, entry.filename),
    files: entry.files.map((file) => file.path),
  }));
}
