#!/usr/bin/env node
// The `fernhilfe-relay` command (also `npx fernhilfe-relay` in the repository): runs the built relay.
import { existsSync } from 'node:fs';

const built = new URL('../dist/main.js', import.meta.url);
if (!existsSync(built)) {
  console.error(
    'fernhilfe-relay: RELAY_CLI_NOT_BUILT: the relay is not built in this checkout; run `npm run build` (or `npm start`) first.',
  );
  process.exit(1);
}
await import(built.href);
