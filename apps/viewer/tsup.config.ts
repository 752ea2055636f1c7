import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tsup.shared';

// The package build: ES modules and declarations for bundlers (`@fernhilfe/viewer` and
// `@fernhilfe/viewer/embed`, which defines <fernhilfe-viewer>), sharing one chunk so a page that
// imports both holds one copy of each class. The self-contained browser bundles in dist/web come
// from scripts/build-web.mjs after this (tsup empties dist first).
const shared = libraryBuild({ index: 'src/index.ts', embed: 'src/embed.ts' });

export default defineConfig({ ...shared, format: ['esm'], platform: 'browser', splitting: true });
