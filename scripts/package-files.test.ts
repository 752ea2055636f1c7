import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PUBLISHED, ROOT } from './consumer/packages';

/** Where the packages' README links point: the repository named in every package.json. */
const REPOSITORY = 'https://github.com/fernhilfe/fernhilfe';
const RAW = 'https://raw.githubusercontent.com/fernhilfe/fernhilfe/main';

/** Markdown link and image targets: `[text](target)`. */
function linkTargets(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1] as string);
}

/** The repository path a link into this repository names, or `undefined` for other sites. */
function repositoryPath(target: string): string | undefined {
  const url = target.split('#')[0] as string;
  for (const prefix of [`${REPOSITORY}/blob/main/`, `${REPOSITORY}/tree/main/`, `${RAW}/`]) {
    if (url.startsWith(prefix)) return url.slice(prefix.length);
  }
  return undefined;
}

describe.each(PUBLISHED)('the published files of %s', (dir) => {
  it('README links work on the registry and in node_modules: absolute, into paths that exist', () => {
    const targets = linkTargets(readFileSync(join(ROOT, dir, 'README.md'), 'utf8'));
    expect(targets.filter((target) => !/^(https?:|#|mailto:)/.test(target))).toEqual([]);
    const missing = targets
      .map(repositoryPath)
      .filter((path): path is string => path !== undefined && !existsSync(join(ROOT, path)));
    expect(missing).toEqual([]);
  });

  it('LICENSE is the repository licence', () => {
    expect(readFileSync(join(ROOT, dir, 'LICENSE'), 'utf8')).toBe(readFileSync(join(ROOT, 'LICENSE'), 'utf8'));
  });

  it('package.json points to the repository', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8'));
    expect(pkg.repository).toEqual({ type: 'git', url: `git+${REPOSITORY}.git`, directory: dir });
    expect(pkg.homepage).toBe(`${REPOSITORY}/tree/main/${dir}#readme`);
    expect(pkg.bugs).toEqual({ url: `${REPOSITORY}/issues` });
  });
});
