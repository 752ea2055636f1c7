#!/usr/bin/env node
// The `fernhilfe-guest` command (also `npx fernhilfe-guest`): runs the built Node guest.
import { existsSync } from 'node:fs';

const built = new URL('../dist/node/cli.js', import.meta.url);
if (!existsSync(built)) {
  console.error(
    'fernhilfe-guest: GUEST_CLI_NOT_BUILT: the guest is not built in this checkout; run `npm run build` first.',
  );
  process.exit(1);
}
await import(built.href);
