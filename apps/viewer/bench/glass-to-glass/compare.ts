// Glass to glass, both products in one run: noVNC over x11vnc (the reference) and Fernhilfe with
// the Node guest, and optionally the browser guest (the support page in a headed Chromium on the
// same screen), measured by the vendored harness (harness/measure.mjs, see harness/README.md)
// in alternating rounds, the order rotating each round. Writes bench/results/glass-to-glass.json
// with each product's latency, frame rate, bandwidth and CPU per phase, the load average around
// every run, and the ratios to noVNC the goals are stated in.
//   ROUNDS=2 SAMPLES=160 GUESTS=node,browser npm run bench:glass-to-glass -w apps/viewer
// Needs a built checkout (npm run build) and x11vnc, websockify and novnc (scripts/ensure-system-deps.sh).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BenchRow, summarize, writeBenchResults } from '../../../../scripts/bench-report';

const REPO = fileURLToPath(new URL('../../../..', import.meta.url));
const HARNESS = fileURLToPath(new URL('./harness', import.meta.url));
const VIEWER_DIR = fileURLToPath(new URL('../..', import.meta.url));

/** One measure.mjs phase, as far as this file reads it. */
interface Phase {
  phase: string;
  latencyMs: { p50: number; p95: number };
  fps: { overall: number };
  bandwidth: { wsRxKiBps: number };
  cpuPercentOfOneCore?: Record<string, number>;
  loadAvg?: { start: number[]; end: number[] };
}

type Product = 'novnc' | 'node-guest' | 'browser-guest';

/** Server-side process trees whose CPU counts as the product's (x11vnc + websockify; guest + relay). */
const SERVER_CPU: Record<Product, string[]> = {
  novnc: ['x11vnc', 'websockify', 'proxy'],
  'node-guest': ['guest', 'relay'],
  'browser-guest': ['guest', 'relay'],
};

function settings() {
  const guests = (process.env.GUESTS ?? 'node').split(',').map((guest) => guest.trim());
  const products: Product[] = ['novnc'];
  if (guests.includes('node')) products.push('node-guest');
  if (guests.includes('browser')) products.push('browser-guest');
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return {
    products,
    rounds: Number(process.env.ROUNDS ?? 2),
    samples: Number(process.env.SAMPLES ?? 160),
    outDir: process.env.OUT_DIR ?? join(tmpdir(), 'fernhilfe-glass-to-glass', stamp),
    /** Summarize the runs already in OUT_DIR again instead of measuring. */
    summarizeOnly: process.env.SUMMARIZE_ONLY === '1',
    measureArgs: process.argv.slice(2),
  };
}

function requireSetup(): void {
  const missing = ['x11vnc', 'websockify'].filter(
    (command) => !(process.env.PATH ?? '').split(':').some((dir) => existsSync(join(dir, command))),
  );
  if (!existsSync('/usr/share/novnc/vnc_lite.html')) missing.push('novnc');
  if (missing.length > 0) throw new Error(`missing ${missing.join(', ')}: run scripts/ensure-system-deps.sh as root`);
  if (!existsSync(join(REPO, 'apps/relay/dist/main.js'))) throw new Error('the checkout is not built: npm run build');
}

/** Runs one harness script to its end; resolves whether it succeeded. */
function runScript(script: string, env: NodeJS.ProcessEnv, args: string[]): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn('bash', [join(HARNESS, script), ...args], { cwd: HARNESS, env, stdio: 'inherit' });
    child.once('error', () => resolve(false));
    child.once('exit', (code) => resolve(code === 0));
  });
}

async function measureOnce(product: Product, outDir: string, samples: number, args: string[]): Promise<Phase[]> {
  const env = { ...process.env, OUT_DIR: outDir, REPEATS: '1', SAMPLES: String(samples), FERNHILFE_DIR: REPO };
  const ok =
    product === 'novnc'
      ? await runScript('run-novnc.sh', env, args)
      : await runScript(
          'run-fernhilfe.sh',
          { ...env, FH_GUEST: product === 'browser-guest' ? 'browser' : 'node' },
          args,
        );
  if (!ok) console.log(`${product}: the run failed (see above)`);
  return readRun(product, outDir);
}

/** The phases of one harness run, or none when it left no result. */
function readRun(product: Product, outDir: string): Phase[] {
  const file = join(outDir, 'run-1.json');
  if (!existsSync(file)) {
    console.log(`${product}: no result in ${outDir}; it is left out`);
    return [];
  }
  return (JSON.parse(readFileSync(file, 'utf8')) as { phases: Phase[] }).phases;
}

const round1 = (value: number) => Math.round(value * 10) / 10;

/** CPU of the product's server-side process trees in one run, % of one core. */
function serverCpu(product: Product, run: Phase): number {
  return round1(SERVER_CPU[product].reduce((sum, name) => sum + (run.cpuPercentOfOneCore?.[name] ?? 0), 0));
}

/** Rows for one product and phase: the medians over the rounds, with each round's figures and load. */
function rowsFor(product: Product, phase: string, runs: Phase[], reference: Phase[]): BenchRow[] {
  const own = runs.filter((run) => run.phase === phase);
  const ref = reference.filter((run) => run.phase === phase);
  if (own.length === 0) return [];
  const loads = own.map((run) => `${run.loadAvg?.start[0] ?? '?'}→${run.loadAvg?.end[0] ?? '?'}`).join(', ');
  const median = (list: Phase[], figure: (run: Phase) => number) => round1(summarize(list.map(figure)).median);
  /** `lower`: a smaller figure is better (latency); `higher`: a larger one (fps). */
  const row = (
    what: string,
    unit: string,
    figure: (run: Phase, of: Product) => number,
    better?: 'lower' | 'higher',
  ): BenchRow => {
    const ownMedian = median(own, (run) => figure(run, product));
    const refMedian = ref.length === 0 ? undefined : median(ref, (run) => figure(run, 'novnc'));
    const extra: Record<string, string | number> = {
      per_round: own.map((run) => round1(figure(run, product))).join(', '),
      load_average: loads,
    };
    if (product !== 'novnc' && better !== undefined && refMedian !== undefined && ownMedian > 0 && refMedian > 0) {
      extra.times_better_than_novnc = round1(better === 'lower' ? refMedian / ownMedian : ownMedian / refMedian);
    }
    return {
      name: `${product} ${phase}: ${what}`,
      unit,
      median: ownMedian,
      samples: own.length,
      compared_to: product === 'novnc' || refMedian === undefined ? {} : { novnc_same_run: refMedian },
      extra,
    };
  };
  const moving = own.every((run) => run.fps.overall > 0) && ref.every((run) => run.fps.overall > 0);
  return [
    row('latency p50', 'ms', (run) => run.latencyMs.p50, 'lower'),
    row('latency p95', 'ms', (run) => run.latencyMs.p95, 'lower'),
    row('viewer fps', 'fps', (run) => run.fps.overall, 'higher'),
    row('received KiB/s', 'KiB/s', (run) => run.bandwidth.wsRxKiBps, 'lower'),
    row('server CPU % of a core', '%', (run, of) => serverCpu(of, run)),
    // CPU time the server side spends per frame the viewer shows: the "CPU per frame".
    ...(moving
      ? [row('server CPU ms per viewer frame', 'ms', (run, of) => (serverCpu(of, run) * 10) / run.fps.overall, 'lower')]
      : []),
  ];
}

async function main(): Promise<void> {
  const options = settings();
  if (!options.summarizeOnly) requireSetup();
  mkdirSync(options.outDir, { recursive: true });
  const phases = new Map<Product, Phase[]>(options.products.map((product) => [product, []]));
  for (let round = 0; round < options.rounds; round++) {
    for (let i = 0; i < options.products.length; i++) {
      const product = options.products[(i + round) % options.products.length]!;
      const dir = join(options.outDir, `${product}-r${round + 1}`);
      if (options.summarizeOnly) {
        phases.get(product)!.push(...readRun(product, dir));
        continue;
      }
      console.log(`round ${round + 1}: ${product} (load average ${loadavg()[0]!.toFixed(2)})`);
      phases.get(product)!.push(...(await measureOnce(product, dir, options.samples, options.measureArgs)));
    }
  }
  const reference = phases.get('novnc') ?? [];
  const names = new Set([...phases.values()].flatMap((list) => list.map((run) => run.phase)));
  const rows = options.products.flatMap((product) =>
    [...names].flatMap((phase) => rowsFor(product, phase, phases.get(product)!, reference)),
  );
  writeBenchResults(VIEWER_DIR, '@fernhilfe/viewer', rows, 'glass-to-glass.json');
  console.log(`harness output: ${options.outDir} (${readdirSync(options.outDir).length} runs)`);
}

await main();
