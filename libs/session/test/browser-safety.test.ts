import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = new URL('../src/', import.meta.url).pathname;
const IMPORT = /(?:import|export)\s[^'"]*?from\s+'([^']+)'/g;

/** Every module reachable from `entry` through relative imports, with its bare imports. */
function walk(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    const bare: string[] = [];
    seen.set(file, bare);
    const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    for (const [, spec] of code.matchAll(IMPORT)) {
      if (spec!.startsWith('.')) visit(`${resolve(dirname(file), spec!)}.ts`);
      else bare.push(spec!);
    }
  };
  visit(entry);
  return seen;
}

describe('browser safety of the main entry', () => {
  it('reaches no Node built-in module from src/index.ts', () => {
    const modules = walk(`${SRC}index.ts`);
    expect(modules.size).toBeGreaterThan(10);
    const builtins = new Set(builtinModules);
    for (const [file, bare] of modules) {
      const nodeOnly = bare.filter((spec) => spec.startsWith('node:') || builtins.has(spec.split('/')[0]!));
      expect({ file, nodeOnly }).toEqual({ file, nodeOnly: [] });
    }
    expect([...modules.keys()].some((file) => file.includes('jsonl'))).toBe(false);
  });

  it('keeps node:fs in the audit-jsonl subpath only', () => {
    const bare = [...walk(`${SRC}audit-jsonl.ts`).values()].flat();
    expect(bare).toContain('node:fs/promises');
    expect(bare).toContain('@fernhilfe/session');
  });
});
