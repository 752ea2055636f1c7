// Benchmark of @fernhilfe/windows: GDI capture + encode per frame of a 1920×1080 wine desktop on
// Xvfb (Node 22 for Windows under wine), with notepad moved and its text replaced between frames so every frame changes.
import { type BenchRow, summarize, writeBenchResults } from '../../../scripts/bench-report';
import { bundleForWindows, runNodeUnderWine } from '../../../scripts/run-under-wine';
import { startWine } from '../../../scripts/wine';
import { startXvfb } from '../../../scripts/xvfb';

const FRAMES = 60;
const packageDir = new URL('..', import.meta.url).pathname;

interface FixtureResult {
  width: number;
  height: number;
  capture: number[];
  encode: number[];
  bytes: number[];
}

function row(name: string, unit: string, values: number[], extra: Record<string, number | string> = {}): BenchRow {
  const { median, p95, samples } = summarize(values);
  return { name, unit, median, samples, compared_to: {}, extra: { p95, ...extra } };
}

const xvfb = await startXvfb('1920x1080x24');
const wine = await startWine(xvfb);
const bundle = await bundleForWindows(new URL('./capture-encode.fixture.ts', import.meta.url).pathname);
try {
  wine.spawn('notepad', []);
  const run = await runNodeUnderWine(wine, bundle.file, [String(FRAMES)]);
  if (run.code !== 0) throw new Error(`bench fixture failed (${run.code}): ${run.output}`);
  const result = JSON.parse(run.output.trim().split('\n').at(-1) ?? '') as FixtureResult;
  const size = `${result.width}x${result.height}`;
  const total = result.capture.map((ms, i) => ms + (result.encode[i] as number));
  writeBenchResults(packageDir, '@fernhilfe/windows', [
    row(`gdi capture ${size} under wine`, 'ms', result.capture),
    row(`encode ${size} (changing screen)`, 'ms', result.encode),
    row(`capture + encode ${size} under wine`, 'ms', total),
    row(`update size ${size}`, 'bytes', result.bytes),
  ]);
} finally {
  bundle.remove();
  await wine.stop();
  await xvfb.stop();
}
