import { constants } from 'node:fs';
import { access, chmod, mkdir, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { CliUsageError, RelayCliErrorCode } from './errors';

/**
 * The documented default state directory: `$STATE_DIRECTORY` (set by systemd's `StateDirectory=`;
 * the first of several), else `/var/lib/fernhilfe-relay` for root, else
 * `$XDG_STATE_HOME/fernhilfe-relay` (`~/.local/state/fernhilfe-relay`). Never the working directory.
 *
 * @param env - the environment
 * @param uid - the user id (`process.getuid()`; `undefined` on Windows)
 * @returns an absolute path
 */
export function defaultStateDirectory(env: NodeJS.ProcessEnv, uid: number | undefined = process.getuid?.()): string {
  const systemd = env.STATE_DIRECTORY?.split(':')[0];
  if (systemd) return systemd;
  if (uid === 0) return '/var/lib/fernhilfe-relay';
  const xdg = env.XDG_STATE_HOME;
  return join(xdg?.startsWith('/') ? xdg : join(homedir(), '.local', 'state'), 'fernhilfe-relay');
}

function refuse(message: string, cause?: unknown): CliUsageError {
  return new CliUsageError(RelayCliErrorCode.STATE_PATH_REFUSED, message, cause === undefined ? undefined : { cause });
}

async function statOrUndefined(path: string) {
  return stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw refuse(`cannot look at ${path}: ${error.message}`, error);
  });
}

function ownerProblem(path: string, owner: number, uid: number | undefined): string | undefined {
  if (uid === undefined || owner === uid) return undefined;
  return `${path} belongs to user ${owner}, but the relay runs as user ${uid}: give it a directory of its own (--state-dir)`;
}

/**
 * Makes a file's directory safe to write the relay's state in: creates it (mode 0700) when
 * missing, and refuses a directory that is not one, not writable, or owned by another user, and an
 * existing file owned by another user. An existing file readable by others is narrowed to 0600.
 *
 * @param file - the file the relay will write (the audit log)
 * @param uid - the user id (`process.getuid()`; `undefined` on Windows: no ownership checks)
 * @returns a warning to print when permissions were narrowed, else `undefined`
 * @throws {@link CliUsageError} `RELAY_CLI_STATE_PATH_REFUSED` with what is wrong and what to do
 */
export async function prepareStateFile(
  file: string,
  uid: number | undefined = process.getuid?.(),
): Promise<string | undefined> {
  const directory = dirname(file);
  if ((await statOrUndefined(directory)) === undefined) {
    await mkdir(directory, { recursive: true, mode: 0o700 }).catch((error: NodeJS.ErrnoException) => {
      throw refuse(`cannot create the state directory ${directory}: ${error.code ?? error.message}`, error);
    });
  }
  const dirStat = await statOrUndefined(directory);
  if (!dirStat?.isDirectory()) throw refuse(`${directory} is not a directory`);
  const dirOwner = ownerProblem(directory, dirStat.uid, uid);
  if (dirOwner) throw refuse(dirOwner);
  await access(directory, constants.W_OK | constants.X_OK).catch((error: NodeJS.ErrnoException) => {
    throw refuse(`the state directory ${directory} is not writable for the relay (${error.code})`, error);
  });
  const fileStat = await statOrUndefined(file);
  if (fileStat === undefined) return undefined;
  if (!fileStat.isFile()) throw refuse(`${file} is not a regular file`);
  const fileOwner = ownerProblem(file, fileStat.uid, uid);
  if (fileOwner) throw refuse(fileOwner);
  await access(file, constants.R_OK | constants.W_OK).catch((error: NodeJS.ErrnoException) => {
    throw refuse(`${file} is not readable and writable for the relay (${error.code})`, error);
  });
  if (uid === undefined || (fileStat.mode & 0o077) === 0) return undefined;
  await chmod(file, 0o600);
  return `${file} was readable by others (mode ${(fileStat.mode & 0o777).toString(8)}); narrowed to 0600`;
}
