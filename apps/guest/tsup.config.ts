import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tsup.shared';

// `node/cli` is the `fernhilfe-guest` command (bin/fernhilfe-guest.mjs imports it).
const shared = libraryBuild({ index: 'src/index.ts', 'node/cli': 'src/node/cli.ts' });

// The Node guest reads the terminal and starts `@fernhilfe/x11` (X over `node:net`), so it
// builds for Node.
export default defineConfig({ ...shared, platform: 'node' });
