import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tsup.shared';

export default defineConfig(
  libraryBuild({ index: 'src/index.ts', 'aead.node': 'src/aead.node.ts', 'aead.browser': 'src/aead.browser.ts' }),
);
