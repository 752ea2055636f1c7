import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tsup.shared';

export default defineConfig(
  libraryBuild({
    index: 'src/index.ts',
    'deflate.node': 'src/deflate.node.ts',
    'deflate.browser': 'src/deflate.browser.ts',
    'rows.node': 'src/rows.node.ts',
    'rows.browser': 'src/rows.browser.ts',
  }),
);
