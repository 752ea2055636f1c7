import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Builds a throwaway package folder around a real `bin/*.mjs` command, with or without the built
 * file it starts, so a test can run the command as it runs from a checkout before and after a build.
 *
 * @param work - the folder to create the package in
 * @param bin - the command's path in the repository (`apps/relay/bin/fernhilfe-relay.mjs`)
 * @param built - the path the command starts, relative to the package (`dist/main.js`)
 * @param content - the built file's source; the file is left out when undefined
 * @returns the command's path inside the new package
 */
export function commandPackage(work: string, bin: string, built: string, content?: string): string {
  const dir = mkdtempSync(join(work, 'pkg-'));
  const command = join(dir, 'bin', basename(bin));
  mkdirSync(dirname(command));
  copyFileSync(bin, command);
  if (content !== undefined) {
    mkdirSync(dirname(join(dir, built)), { recursive: true });
    writeFileSync(join(dir, built), content);
  }
  return command;
}

/** A built file that prints the arguments it got as JSON, for {@link commandPackage}. */
export const PRINT_ARGUMENTS = 'console.log(JSON.stringify(process.argv.slice(2)));';
