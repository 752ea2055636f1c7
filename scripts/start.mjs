#!/usr/bin/env node
// `npm start`: builds the relay, the guest page and the agent console, then starts the relay
// on its embedded defaults (http://localhost:8080, in-memory sessions, the audit log in its state directory).
// Arguments after `npm start --` go to the relay (`npm start -- --help`).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const relayMain = join(root, 'apps/relay/src/main.ts');

if (!existsSync(relayMain)) {
  console.log('Fernhilfe: the relay app (apps/relay) is not built yet in this checkout.');
  console.log('Nothing to start; the libraries can be tested with `npm test`.');
  process.exit(0);
}

const apps = ['@fernhilfe/relay', '@fernhilfe/guest', '@fernhilfe/viewer'].filter((name) =>
  existsSync(join(root, 'apps', name.split('/')[1], 'package.json')),
);
console.log(`Building ${apps.join(', ')} …`);
const build = spawnSync(
  'npx',
  ['nx', 'run-many', '-t', 'build', `--projects=${apps.join(',')}`, '--outputStyle=static'],
  {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false' },
  },
);
if (build.status !== 0) {
  console.error('Build failed: run `npm run build` to see the details.');
  process.exit(build.status ?? 1);
}

const relay = spawn(process.execPath, [join(root, 'apps/relay/dist/main.js'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => relay.kill(signal));
relay.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
