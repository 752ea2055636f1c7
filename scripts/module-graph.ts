// The repository's real module graph, as esbuild resolves it: sibling libraries through their
// '@fernhilfe/source' condition (the TypeScript sources), third-party packages and Node
// built-ins kept external so they show up as names ('@noble/ciphers/chacha.js', 'fflate').
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';

/** Root of the repository; every path in a {@link ModuleGraph} is relative to it. */
export const repoRoot = join(import.meta.dirname, '..');

/** One module and what it imports: repository files by relative path, packages by name. */
export interface ModuleNode {
  /** Repository files this module imports directly (relative paths, `/`-separated). */
  files: string[];
  /** Third-party packages and Node built-ins this module imports directly, as written. */
  packages: string[];
  /** Repository files this module loads only by `import()`, when it needs them (also in `files`). */
  lazyFiles: string[];
}

/** Every module reachable from some entry points, keyed by repository-relative path. */
export type ModuleGraph = Map<string, ModuleNode>;

const keepPackagesExternal: Plugin = {
  name: 'keep-packages-external',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@fernhilfe/') || args.path.startsWith('#')
        ? undefined
        : { path: args.path, external: true },
    );
  },
};

/**
 * Bundles `entries` (repository-relative paths, or `@fernhilfe/…` specifiers) for Node without
 * writing anything and returns the graph esbuild's metafile records.
 *
 * @param entries - entry points
 * @returns the modules reachable from them
 */
export async function moduleGraph(entries: readonly string[]): Promise<ModuleGraph> {
  const result = await build({
    absWorkingDir: repoRoot,
    entryPoints: [...entries],
    bundle: true,
    write: false,
    metafile: true,
    outdir: 'out',
    platform: 'node',
    format: 'esm',
    conditions: ['@fernhilfe/source'],
    plugins: [keepPackagesExternal],
    logLevel: 'silent',
  });
  const graph: ModuleGraph = new Map();
  for (const [path, input] of Object.entries(result.metafile.inputs)) {
    const node: ModuleNode = { files: [], packages: [], lazyFiles: [] };
    for (const edge of input.imports) {
      (edge.external ? node.packages : node.files).push(edge.path);
      if (edge.kind === 'dynamic-import' && !edge.external) node.lazyFiles.push(edge.path);
    }
    graph.set(path, node);
  }
  return graph;
}

// `consumer-project`: files of a project outside the repository (scripts/consumer), compiled
// against the installed tarballs, not against the sources.
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'test-results', 'results', 'docs', 'consumer-project']);

/**
 * Every TypeScript file (not `.d.ts`) under `dir`, repository-relative.
 *
 * @param dir - repository-relative directory
 * @returns the files, sorted
 */
export function typeScriptFiles(dir: string): string[] {
  const out: string[] = [];
  const visit = (path: string) => {
    for (const entry of readdirSync(join(repoRoot, path), { withFileTypes: true })) {
      const child = `${path}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.')) visit(child);
      } else if (/\.m?ts$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(child);
    }
  };
  visit(dir);
  return out.sort();
}
