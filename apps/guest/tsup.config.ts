import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tsup.shared';

// `node/cli` is the `fernhilfe-guest` command (bin/fernhilfe-guest.mjs imports it).
const shared = libraryBuild({ index: 'src/index.ts', 'node/cli': 'src/node/cli.ts' });

// The Node guest talks to a local X server through `node:net`, so it builds for Node.
// `stripInternal` keeps the untyped `x11` package's plumbing out of the published types.
export default defineConfig({
  ...shared,
  platform: 'node',
  external: [...(shared.external ?? []), 'x11'],
  dts: { compilerOptions: { stripInternal: true } },
});
