// Copies the built web pages the relay serves into its own dist, so the published package carries
// them: the agent console (apps/viewer/dist/web) to dist/web/agent and the customer support page
// (apps/guest/dist/web) to dist/web/guest. nx builds both apps first (implicitDependencies).
import { cp, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const appDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const pages = [
  { from: '../viewer/dist/web', to: 'dist/web/agent', build: 'npm run build --workspace=apps/viewer' },
  { from: '../guest/dist/web', to: 'dist/web/guest', build: 'npm run build --workspace=apps/guest' },
];

for (const page of pages) {
  const from = join(appDir, page.from);
  const isBuilt = await stat(join(from, 'index.html')).then(
    (info) => info.isFile(),
    () => false,
  );
  if (!isBuilt) {
    console.error(`copy-web: ${from} holds no built page; run ${page.build} first`);
    process.exit(1);
  }
  await rm(join(appDir, page.to), { recursive: true, force: true });
  await cp(from, join(appDir, page.to), { recursive: true });
}
console.log(`copy-web: ${pages.map((page) => page.to).join(', ')}`);
