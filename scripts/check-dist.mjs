#!/usr/bin/env node
// Checks that every built library loads from plain Node both as ESM (`import`) and as
// CommonJS (`require`), by package name, and that both expose the same exports.
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(join(root, 'package.json'));
let failures = 0;
for (const dir of readdirSync(join(root, 'libs'))) {
  const name = `@fernhilfe/${dir}`;
  try {
    const esm = await import(name);
    const cjs = require(name);
    const esmKeys = Object.keys(esm)
      .filter((k) => k !== 'default')
      .sort();
    const cjsKeys = Object.keys(cjs)
      .filter((k) => k !== 'default' && k !== '__esModule')
      .sort();
    if (esmKeys.length === 0) throw new Error('no exports');
    if (esmKeys.join() !== cjsKeys.join()) throw new Error(`ESM exports ${esmKeys} differ from CJS ${cjsKeys}`);
    console.log(`ok  ${name}: ${esmKeys.length} exports via import and require`);
  } catch (error) {
    failures++;
    console.error(`FAIL ${name}: ${error instanceof Error ? error.message : error}`);
  }
}
process.exit(failures === 0 ? 0 : 1);
