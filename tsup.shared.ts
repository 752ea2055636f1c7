import type { Options } from 'tsup';

/**
 * The one build recipe every library shares: ESM + CJS + declarations, one entry per
 * public surface, dependencies left external, internal `#` imports (environment
 * splits chosen by package `imports` conditions) kept as imports.
 */
export function libraryBuild(entry: Record<string, string> = { index: 'src/index.ts' }): Options {
  return {
    entry,
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'es2022',
    platform: 'neutral',
    splitting: false,
    treeshake: true,
    removeNodeProtocol: false,
    external: [/^#/, /^node:/, /^@fernhilfe\//, /^@noble\//, 'fflate', 'ws'],
  };
}
