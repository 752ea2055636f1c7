import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tsup.shared';

// `audit-jsonl` is the Node-only subpath; it imports the shared code from '@fernhilfe/session'
// (kept external), so both entries share one copy of the error classes at run time.
// `removeNodeProtocol: false` keeps `node:fs` spelled as such, so bundlers never mistake it for a package.
export default defineConfig({
  ...libraryBuild({ index: 'src/index.ts', 'audit-jsonl': 'src/audit-jsonl.ts' }),
  removeNodeProtocol: false,
});
