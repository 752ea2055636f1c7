import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { main: 'src/main.ts', 'audit-verify': 'src/audit-verify.ts' },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  clean: true,
  sourcemap: true,
  dts: false,
  banner: { js: '#!/usr/bin/env node' },
  external: [/^@fernhilfe\//, 'ws'],
  removeNodeProtocol: false,
});
