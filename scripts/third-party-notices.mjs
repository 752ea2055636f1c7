// The licence notices of the third-party packages inside a bundle (noble, fflate, …), read from
// esbuild's metafile: the MIT licence requires them to travel with every copy.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Notice files a package may carry, in the order they are looked for. */
const LICENSE_FILES = ['LICENSE', 'LICENSE.md', 'LICENSE.txt', 'LICENCE', 'license'];

/**
 * The directory of the package an input path lies in, or `undefined` for the project's own code.
 *
 * @param input - a path from `metafile.inputs`, relative to the build's working directory
 * @returns e.g. `../../node_modules/@noble/ciphers`
 */
function packageDirOf(input) {
  const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
  return match?.[1];
}

/**
 * Builds the text of THIRD-PARTY-NOTICES.txt: name, version, licence and licence text of every
 * package bundled in.
 *
 * @param {import('esbuild').Metafile} metafile - from a build with `metafile: true`
 * @param {string} workingDir - the build's `absWorkingDir`
 * @returns {Promise<string>} the notices; throws when a bundled package carries no licence file
 */
export async function thirdPartyNotices(metafile, workingDir) {
  const dirs = [
    ...new Set(
      Object.keys(metafile.inputs)
        .map(packageDirOf)
        .filter((dir) => dir !== undefined),
    ),
  ].sort();
  const sections = [];
  for (const dir of dirs) {
    const pkg = JSON.parse(await readFile(join(workingDir, dir, 'package.json'), 'utf8'));
    let text;
    for (const file of LICENSE_FILES) {
      text = await readFile(join(workingDir, dir, file), 'utf8').catch(() => undefined);
      if (text !== undefined) break;
    }
    if (text === undefined) throw new Error(`${pkg.name} is bundled but carries no licence file`);
    sections.push(`${pkg.name}@${pkg.version} (${pkg.license})\n\n${text.trim()}\n`);
  }
  const header = 'Third-party software bundled in these files, with its licence notices.\n';
  return [header, ...sections].join(`\n${'-'.repeat(72)}\n\n`);
}
