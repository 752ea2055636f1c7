import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';

/** One benchmark figure: the median of `samples` measurements, with figures to compare against. */
export interface BenchRow {
  /** What was measured, stable across runs (used to match `previous_run`). */
  name: string;
  /** Unit of `median` and of every `compared_to` value, e.g. `ms`, `MB/s`, `bytes`. */
  unit: string;
  /** Median of the samples. */
  median: number;
  /** How many measurements the median is taken over. */
  samples: number;
  /** Same quantity for competitors measured in the same run, and `previous_run` when known. */
  compared_to: Record<string, number>;
  /** Optional extra figures (p95, goal, …). */
  extra?: Record<string, number | string>;
}

/** Median and 95th percentile of a list of measurements. */
export function summarize(values: readonly number[]): { median: number; p95: number; samples: number } {
  if (values.length === 0) throw new RangeError('summarize: no samples');
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
  const mid = sorted.length >> 1;
  const median =
    sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return { median, p95: at(0.95), samples: sorted.length };
}

/** Times `fn` `samples` times after `warmup` untimed calls; returns milliseconds per call. */
export function timeSync(fn: () => unknown, samples: number, warmup = Math.min(5, samples)): number[] {
  for (let i = 0; i < warmup; i++) fn();
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    const start = performance.now();
    fn();
    out.push(performance.now() - start);
  }
  return out;
}

/**
 * Calls per second of `fn`: `samples` timed batches of `batch` calls (after 3 warm-up batches),
 * median and 95th percentile of the per-batch rates.
 */
export function perSecond(fn: () => unknown, batch: number, samples = 15): { median: number; p95: number } {
  const times = timeSync(
    () => {
      for (let i = 0; i < batch; i++) fn();
    },
    samples,
    3,
  );
  const { median, p95 } = summarize(times.map((ms) => (batch * 1000) / ms));
  return { median, p95 };
}

/**
 * Writes `bench/results/latest.json` under `packageDir` (adding `previous_run` from the last
 * such file to each row's `compared_to`) and prints a table. A package with a second bench
 * names its own file.
 *
 * @param fileName - the results file @defaultValue `latest.json`
 */
export function writeBenchResults(
  packageDir: string,
  packageName: string,
  rows: BenchRow[],
  fileName = 'latest.json',
): void {
  const dir = join(packageDir, 'bench', 'results');
  const file = join(dir, fileName);
  mkdirSync(dir, { recursive: true });
  const previous = new Map<string, number>();
  if (existsSync(file)) {
    try {
      const old = JSON.parse(readFileSync(file, 'utf8')) as { results?: BenchRow[] };
      for (const row of old.results ?? []) previous.set(row.name, row.median);
    } catch {
      // An unreadable old result only loses the comparison.
    }
  }
  for (const row of rows) {
    const before = previous.get(row.name);
    if (before !== undefined) row.compared_to.previous_run = before;
  }
  const report = {
    package: packageName,
    date: new Date().toISOString(),
    machine: { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown' },
    results: rows,
  };
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  const fmt = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 1 ? n.toFixed(2) : n.toPrecision(3));
  console.log(`\n${packageName} — ${rows.length} results → ${file}`);
  console.table(
    rows.map((r) => ({
      name: r.name,
      median: `${fmt(r.median)} ${r.unit}`,
      samples: r.samples,
      compared_to: Object.entries(r.compared_to)
        .map(([k, v]) => `${k}: ${fmt(v)}`)
        .join(', '),
    })),
  );
}
