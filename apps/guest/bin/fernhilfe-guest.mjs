#!/usr/bin/env node
// The `fernhilfe-guest` command (also `npx fernhilfe-guest`): runs the built Node guest.
import '../dist/node/cli.js';
