import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

/** Resolve sibling packages to their TypeScript sources so tests never need a build. */
export const sourceConditions = ['@fernhilfe/source', ...defaultServerConditions];

/** Options a package may set on top of the shared test settings. */
export interface PackageTestOptions {
  /** Per-test timeout in ms. */
  testTimeout?: number;
  /** Globs of test files, relative to the package. */
  include?: string[];
}

function sharedConfig(name: string, reportName: string, include: string[], testTimeout: number, serial: boolean) {
  return defineConfig({
    resolve: { conditions: sourceConditions },
    ssr: { resolve: { conditions: sourceConditions } },
    test: {
      name,
      include,
      testTimeout,
      hookTimeout: 120_000,
      // `expect.poll` waits 1 s by default: too short for a browser or an X server on a busy machine.
      expect: { poll: { timeout: 20_000 } },
      fileParallelism: !serial,
      reporters: ['default', 'json'],
      outputFile: { json: `test-results/${reportName}.json` },
      setupFiles: [new URL('./vitest.setup.ts', import.meta.url).pathname],
    },
  });
}

/**
 * Vitest settings shared by every package's unit, property and fuzz tests: source
 * resolution, fast-check seed (`vitest.setup.ts`) and a JSON report that
 * `scripts/run-tests.mjs` sums up.
 */
export function packageTestConfig(name: string, options: PackageTestOptions = {}) {
  return sharedConfig(name, 'vitest', options.include ?? ['test/**/*.test.ts'], options.testTimeout ?? 30_000, false);
}

/**
 * Settings for a package's end-to-end tests (`e2e/*.e2e.test.ts`: real browser, real X
 * display, real servers). Files run one after another; `npm run test:e2e` runs only these.
 */
export function packageE2eConfig(name: string, options: PackageTestOptions = {}) {
  return sharedConfig(name, 'e2e', options.include ?? ['e2e/**/*.e2e.test.ts'], options.testTimeout ?? 120_000, true);
}
