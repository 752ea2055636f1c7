import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tsup.shared';

// The X protocol runs over `node:net` (and MIT-SHM over `/dev/shm`), so it builds for Node.
// `stripInternal` keeps the untyped `x11` package's plumbing out of the published types.
export default defineConfig({
  ...libraryBuild(),
  platform: 'node',
  external: [...(libraryBuild().external ?? []), 'x11'],
  dts: { compilerOptions: { stripInternal: true } },
});
