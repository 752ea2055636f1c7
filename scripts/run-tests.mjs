#!/usr/bin/env node
// Runs every package's tests (targets given as arguments, default `test e2e`) through nx,
// one package at a time, then prints one summary line over all of them:
// "Tests: N passed, N failed, N skipped". Exits non-zero on any failure or if no test ran.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const targets = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['test', 'e2e'];

const deps = spawnSync('bash', [join(root, 'scripts/ensure-system-deps.sh')], { stdio: 'inherit' });
if (deps.status !== 0) process.exit(deps.status ?? 1);

// `scripts` is the `repository` project: rules over the whole repository (scripts/*.test.ts).
const packageDirs = ['libs', 'apps'].flatMap((group) => {
  const dir = join(root, group);
  return existsSync(dir) ? readdirSync(dir).map((name) => join(dir, name)) : [];
});
packageDirs.push(join(root, 'scripts'));
for (const dir of packageDirs) rmSync(join(dir, 'test-results'), { recursive: true, force: true });

const nx = spawnSync(
  'npx',
  [
    'nx',
    'run-many',
    '-t',
    ...targets,
    '--parallel=1',
    '--outputStyle=stream',
    ...(process.env.CI ? ['--skip-nx-cache'] : []),
  ],
  { cwd: root, stdio: 'inherit', env: { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false' } },
);

let passed = 0;
let failed = 0;
let skipped = 0;
const rows = [];
for (const dir of packageDirs) {
  const resultsDir = join(dir, 'test-results');
  if (!existsSync(resultsDir)) continue;
  for (const file of readdirSync(resultsDir).filter((f) => f.endsWith('.json'))) {
    const report = JSON.parse(readFileSync(join(resultsDir, file), 'utf8'));
    const p = report.numPassedTests ?? 0;
    const f = report.numFailedTests ?? 0;
    const s = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    passed += p;
    failed += f;
    skipped += s;
    rows.push(
      `  ${dir.slice(root.length).padEnd(20)} ${file.replace('.json', '').padEnd(10)} ${p} passed, ${f} failed, ${s} skipped`,
    );
  }
}
console.log('\nTest summary per package:');
console.log(rows.join('\n'));
console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);

if (nx.status !== 0) {
  console.error(`nx exited with ${nx.status}: some target failed (see above).`);
  process.exit(nx.status ?? 1);
}
if (failed > 0) process.exit(1);
if (passed === 0) {
  console.error('No test ran.');
  process.exit(1);
}
