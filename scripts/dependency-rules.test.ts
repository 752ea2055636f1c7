import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ModuleGraph, moduleGraph, repoRoot, typeScriptFiles } from './module-graph';

/**
 * Which sibling libraries each library's `src/` may import, and which third-party packages.
 * docs/architecture.md ("Parts") shows the same table; a test below keeps the two in step.
 */
const LIBRARY_RULES = {
  codec: { libs: [], packages: ['fflate'] },
  crypto: { libs: [], packages: ['@noble/'] },
  session: { libs: [], packages: ['@noble/hashes'] },
  call: { libs: ['session', 'crypto'], packages: [] },
  transport: { libs: ['session'], packages: ['ws', '@redis/client'] },
  desktop: { libs: ['session', 'transport', 'call', 'codec'], packages: [] },
  // `import type` from @fernhilfe/desktop leaves no edge in the graph; a value import would.
  x11: { libs: [], packages: ['x11'] },
  windows: { libs: [], packages: ['koffi'] },
} as const satisfies Record<string, { libs: readonly string[]; packages: readonly string[] }>;

/**
 * Exactly which libraries each app's `src/` imports: the apps' edges of the diagram in
 * docs/architecture.md ("Parts"), kept in step with the graph and with the table below it.
 */
const APP_LIBRARIES = {
  guest: ['call', 'codec', 'desktop', 'session', 'transport', 'windows', 'x11'],
  relay: ['session', 'transport'],
  viewer: ['call', 'codec', 'session', 'transport'],
} as const satisfies Record<string, readonly string[]>;

/**
 * What the relay's module graph must not contain: it moves opaque bytes, so it holds no key
 * agreement, no cipher and no codec. `@noble/hashes` is allowed: the audit log's HMAC chain.
 */
const RELAY_FORBIDDEN_FILES = ['libs/crypto/', 'libs/codec/', 'libs/call/'];
const RELAY_FORBIDDEN_PACKAGES = ['@noble/curves', '@noble/ciphers', 'fflate'];
const RELAY_ENTRIES = ['apps/relay/src/main.ts', '@fernhilfe/transport/relay'];

type Area = { kind: 'lib' | 'app'; name: string; part: string } | { kind: 'support' } | { kind: 'other' };

function areaOf(path: string): Area {
  const [top, name, part] = path.split('/');
  if ((top === 'libs' || top === 'apps') && name)
    return { kind: top === 'libs' ? 'lib' : 'app', name, part: part ?? '' };
  if (top === 'scripts') return { kind: 'support' };
  return { kind: 'other' };
}

/** Every import edge `from → to` between repository files that breaks a rule, with the rule. */
function violations(graph: ModuleGraph): string[] {
  const found: string[] = [];
  for (const [from, node] of graph) {
    const source = areaOf(from);
    for (const to of node.files) {
      const target = areaOf(to);
      const edge = `${from} → ${to}`;
      if (source.kind === 'lib' && target.kind === 'app') found.push(`a library imports an app: ${edge}`);
      if (source.kind === 'support' && target.kind === 'app') found.push(`test support imports an app: ${edge}`);
      if (source.kind === 'app' && target.kind === 'app' && source.name !== target.name) {
        found.push(`an app reaches into another app: ${edge}`);
      }
      if (source.kind === 'lib' && source.part === 'src' && target.kind === 'lib' && target.name !== source.name) {
        const allowed: readonly string[] = LIBRARY_RULES[source.name as keyof typeof LIBRARY_RULES]?.libs ?? [];
        if (!allowed.includes(target.name))
          found.push(`libs/${source.name} may not import libs/${target.name}: ${edge}`);
      }
    }
    if (source.kind === 'lib' && source.part === 'src') {
      const allowed: readonly string[] = LIBRARY_RULES[source.name as keyof typeof LIBRARY_RULES]?.packages ?? [];
      for (const name of node.packages) {
        // `<runtime>` is esbuild's own `require` shim (a CommonJS-or-ESM `require`), not a package.
        if (name === '<runtime>' || name.startsWith('node:') || allowed.some((prefix) => name.startsWith(prefix))) {
          continue;
        }
        found.push(`libs/${source.name} may not import the package ${name}: ${from}`);
      }
    }
  }
  return found.sort();
}

/** The libraries each app's `src/` imports, by app name, sorted. */
function appLibraries(graph: ModuleGraph): Record<string, string[]> {
  const edges: Record<string, Set<string>> = {};
  for (const [from, node] of graph) {
    const source = areaOf(from);
    if (source.kind !== 'app' || source.part !== 'src') continue;
    edges[source.name] ??= new Set();
    for (const to of node.files) {
      const target = areaOf(to);
      if (target.kind === 'lib') edges[source.name]?.add(target.name);
    }
  }
  return Object.fromEntries(Object.entries(edges).map(([app, libs]) => [app, [...libs].sort()]));
}

/** The cells of the row of docs/architecture.md's table that starts with `first` and contains `marker`. */
function docRow(doc: string, first: string, marker: string): string[] | undefined {
  return doc
    .split('\n')
    .find((line) => line.startsWith(`| ${first}`) && line.includes(marker))
    ?.split('|')
    .map((cell) => cell.trim());
}

describe('dependency rules, checked on the module graph esbuild builds', () => {
  let relay: ModuleGraph;
  let everything: ModuleGraph;

  beforeAll(async () => {
    relay = await moduleGraph(RELAY_ENTRIES);
    const entries = ['libs', 'apps', 'scripts'].flatMap(typeScriptFiles);
    everything = await moduleGraph(entries);
  }, 120_000);

  it('keeps crypto, codec and the call layer out of the relay', () => {
    const files = [...relay.keys()];
    expect(files).toContain('apps/relay/src/main.ts');
    expect(files).toContain('libs/transport/src/relay/index.ts');
    expect(files.some((file) => file.startsWith('libs/session/src/'))).toBe(true);
    expect(files.filter((file) => RELAY_FORBIDDEN_FILES.some((dir) => file.startsWith(dir)))).toEqual([]);
    const packages = [...new Set([...relay.values()].flatMap((node) => node.packages))];
    expect(packages.filter((name) => RELAY_FORBIDDEN_PACKAGES.some((prefix) => name.startsWith(prefix)))).toEqual([]);
  });

  it('loads the Redis client into the relay only through the lazy import of the cluster', () => {
    const eager = new Set<string>();
    const visit = (file: string) => {
      if (eager.has(file)) return;
      eager.add(file);
      const node = relay.get(file);
      for (const next of node?.files ?? []) if (!node?.lazyFiles.includes(next)) visit(next);
    };
    visit('apps/relay/src/main.ts');
    visit('libs/transport/src/relay/index.ts');
    const packages = new Set([...eager].flatMap((file) => relay.get(file)?.packages ?? []));
    expect(packages.has('ws')).toBe(true);
    expect(packages.has('@redis/client')).toBe(false);
    expect(relay.get('libs/transport/src/relay/relay.ts')?.lazyFiles).toEqual(['libs/transport/src/cluster/index.ts']);
  });

  it('finds the known edges, so an empty list of violations means something', () => {
    expect(everything.size).toBeGreaterThan(300);
    expect(everything.get('libs/call/src/guest-call.ts')?.files).toContain('libs/crypto/src/index.ts');
    expect(everything.get('libs/crypto/src/aead.node.ts')?.packages).toContain('node:crypto');
  });

  it('has libraries import only the libraries the table allows, apps never, and apps no other app', () => {
    expect(violations(everything)).toEqual([]);
  });

  it("has each app import exactly the libraries the apps' table names", () => {
    expect(appLibraries(everything)).toEqual(APP_LIBRARIES);
  });

  it('flags each kind of forbidden edge', () => {
    const graph: ModuleGraph = new Map([
      [
        'libs/session/src/a.ts',
        { files: ['libs/crypto/src/index.ts', 'apps/relay/src/main.ts'], packages: ['ws'], lazyFiles: [] },
      ],
      ['apps/viewer/bench/run.ts', { files: ['apps/guest/src/node/guest-app.ts'], packages: [], lazyFiles: [] }],
      ['libs/desktop/src/c.ts', { files: ['libs/x11/src/index.ts'], packages: [], lazyFiles: [] }],
      ['libs/x11/src/d.ts', { files: ['libs/desktop/src/index.ts'], packages: ['x11', 'ws'], lazyFiles: [] }],
      ['scripts/helper.ts', { files: ['apps/guest/src/cli.ts'], packages: [], lazyFiles: [] }],
      [
        'libs/call/src/b.ts',
        { files: ['libs/session/src/index.ts', 'libs/crypto/src/index.ts'], packages: [], lazyFiles: [] },
      ],
    ]);
    expect(violations(graph)).toEqual([
      'a library imports an app: libs/session/src/a.ts → apps/relay/src/main.ts',
      'an app reaches into another app: apps/viewer/bench/run.ts → apps/guest/src/node/guest-app.ts',
      'libs/desktop may not import libs/x11: libs/desktop/src/c.ts → libs/x11/src/index.ts',
      'libs/session may not import libs/crypto: libs/session/src/a.ts → libs/crypto/src/index.ts',
      'libs/session may not import the package ws: libs/session/src/a.ts',
      'libs/x11 may not import libs/desktop: libs/x11/src/d.ts → libs/desktop/src/index.ts',
      'libs/x11 may not import the package ws: libs/x11/src/d.ts',
      'test support imports an app: scripts/helper.ts → apps/guest/src/cli.ts',
    ]);
  });

  it('matches the dependency tables of libraries and apps in docs/architecture.md', () => {
    const doc = readFileSync(`${repoRoot}/docs/architecture.md`, 'utf8');
    for (const [name, rule] of Object.entries(LIBRARY_RULES)) {
      const mayImport = rule.libs.map((lib) => `\`@fernhilfe/${lib}\``).join(', ') || 'nothing';
      const packages = rule.packages.map((pkg) => `\`${pkg.endsWith('/') ? `${pkg}*` : pkg}\``).join(', ') || 'none';
      expect({ name, cells: docRow(doc, `\`@fernhilfe/${name}\``, 'may import') }).toEqual({
        name,
        cells: ['', `\`@fernhilfe/${name}\``, `may import ${mayImport}`, packages, ''],
      });
    }
    for (const [name, libs] of Object.entries(APP_LIBRARIES)) {
      const imports = libs.map((lib) => `\`@fernhilfe/${lib}\``).join(', ');
      expect({ name, cells: docRow(doc, `\`apps/${name}\``, 'imports') }).toEqual({
        name,
        cells: ['', `\`apps/${name}\``, `imports ${imports}`, ''],
      });
    }
  });
});
