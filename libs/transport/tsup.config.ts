import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tsup.shared';

// `#errors` and `#connection` stay imports (see package.json `imports`), so every entry shares one
// copy of the error classes and the environment picks its connection file at run time. `#cluster`
// too: the relay loads it (and the Redis client with it) only when `cluster` is given.
export default defineConfig({
  ...libraryBuild({
    index: 'src/index.ts',
    relay: 'src/relay/index.ts',
    cluster: 'src/cluster/index.ts',
    errors: 'src/errors.ts',
    'connection.node': 'src/connection.node.ts',
    'connection.browser': 'src/connection.browser.ts',
  }),
  removeNodeProtocol: false,
});
