// Glass-to-glass latency, frame rate and bandwidth of the Windows guest, measured by the
// glass-to-glass harness (measure.mjs) in the agent console: a 1920×1080 Xvfb whose screen is
// the wine desktop, the relay on loopback serving the console, Fernhilfe-Gastmodul.exe built
// for that relay and started under wine for every run, its dialogs driven by the customer
// helper. Runs measure.mjs REPEATS times and prints the harness's summary.
//   GLASS_TO_GLASS_DIR=…/glass-to-glass REPEATS=2 SAMPLES=100 npm run bench:windows-glass-to-glass -w apps/guest [-- measure.mjs options]
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startWine } from '../../../../scripts/wine';
import { useWindowsFramesAndFonts } from '../../../../scripts/wine-desktop-driver';
import { startXvfb } from '../../../../scripts/xvfb';
import { AGENT, AGENT_TOKEN } from '../../e2e/support/relay';
import { startRelayProcess } from '../../e2e/support/relay-process';
import { buildGuestModules } from '../../scripts/guest-modules/build-guest-modules';
import { bakedConfig } from '../../src/exe/baked-config';
import { startCustomerHelper } from './customer-helper';

const REPO = fileURLToPath(new URL('../../../..', import.meta.url));
const PAGE_SETUP = fileURLToPath(new URL('./page-setup.ts', import.meta.url));

function settings() {
  const harness = process.env.GLASS_TO_GLASS_DIR;
  if (harness === undefined || !existsSync(join(harness, 'measure.mjs'))) {
    throw new Error('set GLASS_TO_GLASS_DIR to the glass-to-glass harness (with measure.mjs, after npm install there)');
  }
  const viewer = ['apps/viewer/dist/web', 'apps/viewer/dist'].map((dir) => join(REPO, dir)).find(existsSync);
  if (viewer === undefined) throw new Error('the agent console is not built: npm run build -w apps/viewer');
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return {
    harness,
    viewer,
    repeats: Number(process.env.REPEATS ?? 2),
    samples: Number(process.env.SAMPLES ?? 100),
    outDir: process.env.OUT_DIR ?? join(tmpdir(), 'fernhilfe-windows-g2g', stamp),
    measureArgs: process.argv.slice(2),
  };
}

/** Runs a node script to its end with its output on ours; rejects on a non-zero exit. */
function runNode(args: string[], env: NodeJS.ProcessEnv, stdout: 'inherit' | number = 'inherit'): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: REPO, env, stdio: ['ignore', stdout, 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(' ')} exited with ${code}`))));
  });
}

async function main(): Promise<void> {
  const options = settings();
  mkdirSync(options.outDir, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'fernhilfe-windows-g2g-'));
  const pidDir = join(work, 'pids');
  mkdirSync(pidDir);
  const xvfb = await startXvfb('1920x1080x24');
  const relay = await startRelayProcess({
    staticGuest: join(work, 'no-guest-page'),
    guestModules: join(work, 'modules'),
    staticViewer: options.viewer,
  });
  const wine = await startWine(xvfb);
  try {
    writeFileSync(join(pidDir, 'relay.pid'), `${relay.pid}\n`);
    writeFileSync(join(pidDir, 'xvfb.pid'), `${xvfb.pid}\n`);
    console.error(`windows glass-to-glass: building the exe for ${relay.url}`);
    const built = await buildGuestModules(
      { config: bakedConfig(relay.url, AGENT.org), outDir: join(work, 'modules'), platforms: ['windows-x64'] },
      (line) => console.error(line),
    );
    const exe = built.paths['windows-x64'];
    if (exe === undefined) throw new Error('the build made no Windows module');
    await useWindowsFramesAndFonts(wine);
    const helper = await startCustomerHelper({ wine, xvfb, exe, pidDir });
    const env = { ...process.env, FERNHILFE_BENCH_HELPER: helper.url, FERNHILFE_BENCH_TOKEN: AGENT_TOKEN };
    try {
      for (let run = 1; run <= options.repeats; run++) {
        // biome-ignore format: one option with its value per line
        await runNode([
          '--import', 'tsx', join(options.harness, 'measure.mjs'),
          '--viewer-url', `${relay.base}/agent/`, '--canvas-selector', 'canvas.fh-canvas',
          '--display', xvfb.display, '--samples', String(options.samples),
          '--page-setup', PAGE_SETUP, '--cpu-pidfile-dir', pidDir,
          '--out', join(options.outDir, `run-${run}.json`), ...options.measureArgs,
        ], env);
      }
    } finally {
      await helper.close();
    }
    const results = readdirSync(options.outDir)
      .filter((file) => /^run-\d+\.json$/.test(file))
      .map((file) => join(options.outDir, file));
    await runNode([join(options.harness, 'summarize.mjs'), ...results], env);
    console.error(`windows glass-to-glass: results in ${options.outDir}`);
  } finally {
    await wine.stop();
    await relay.stop();
    await xvfb.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
