import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BenchRow, summarize, timeSync, writeBenchResults } from '../../../scripts/bench-report';
import { createDecoder, createEncoder, type Frame } from '../src/index';
import { loadScene, SCENES, VENDORED_CORPUS_DIR } from '../test/support/corpus';
import { decodeInChromium } from './chromium';
import { fullCorpus } from './full-corpus';
import { createNaiveCodec } from './naive';
import { sparseScene } from './sparse-scene';
import { x264Available, x264PacketSizes } from './x264';

// Measured here on the same corpus and recorded in the issue (x264 ultrafast, zerolatency, crf 23; lossy).
const X264_KIB_FROM_ISSUE: Record<string, number> = { xterm: 32, chromium: 60, drag: 21 };
const PASSES = Number(process.env.BENCH_PASSES ?? 5);
const CHROMIUM_SCENE = 'chromium';
const KIB = 1024;

const full = fullCorpus();
const corpusDir = full.found ? full.dir : VENDORED_CORPUS_DIR;
if (full.found) console.log(`corpus: ${full.dir}`);
else {
  console.log(
    `full corpus not found at ${full.dir} (set FERNHILFE_CORPUS_DIR to its directory): measuring the slice in ` +
      'test/corpus instead, a few frames per scene; these figures are not comparable with the README.',
  );
}
const withX264 = x264Available();
if (!withX264) {
  console.log(
    'ffmpeg with libx264 is not installed: x264 is not measured in this run; the figures quoted are from the issue.',
  );
}
console.log(
  `timings: median and p95 over ${PASSES} passes of every transition; the machine is shared, so they are noisy.`,
);

const rows: BenchRow[] = [];
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

for (const name of [...SCENES, 'sparse']) {
  const scene = name === 'sparse' ? sparseScene(loadScene('xterm', corpusDir)) : loadScene(name, corpusDir);
  const { width, height, frames } = scene;
  const frame = (data: Uint8Array): Frame => ({ width, height, data, format: 'bgrx' });

  const bytes: number[] = [];
  const encodeMs: number[] = [];
  const encodeCpuMs: number[] = [];
  const decodeMs: number[] = [];
  const naiveBytes: number[] = [];
  const naiveEncodeMs: number[] = [];
  const naiveDecodeMs: number[] = [];
  const updates: Uint8Array[] = [];
  for (let pass = 0; pass < PASSES; pass++) {
    const encoder = createEncoder({ width, height });
    const decoder = createDecoder();
    const naive = createNaiveCodec(width, height);
    naive.decode(naive.encode(frames[0]!));
    const first = encoder.encode(frame(frames[0]!));
    decoder.decode(first);
    if (pass === 0) updates.push(first);
    for (let i = 1; i < frames.length; i++) {
      const cpu = process.cpuUsage();
      let t = performance.now();
      const update = encoder.encode(frame(frames[i]!));
      encodeMs.push(performance.now() - t);
      const used = process.cpuUsage(cpu);
      encodeCpuMs.push((used.user + used.system) / 1000);
      t = performance.now();
      decoder.decode(update);
      decodeMs.push(performance.now() - t);
      t = performance.now();
      const naiveUpdate = naive.encode(frames[i]!);
      naiveEncodeMs.push(performance.now() - t);
      t = performance.now();
      naive.decode(naiveUpdate);
      naiveDecodeMs.push(performance.now() - t);
      if (pass === 0) {
        bytes.push(update.length);
        naiveBytes.push(naiveUpdate.length);
        updates.push(update);
      }
    }
  }

  const keyEncoder = createEncoder({ width, height });
  let keyframe: Uint8Array = new Uint8Array(0);
  const keyCpuMs: number[] = [];
  const keyMs = timeSync(
    () => {
      const cpu = process.cpuUsage();
      keyframe = keyEncoder.keyframe(frame(frames[0]!));
      const used = process.cpuUsage(cpu);
      keyCpuMs.push((used.user + used.system) / 1000);
    },
    7,
    2,
  );
  const keyDecoder = createDecoder();
  const keyDecodeMs = timeSync(() => keyDecoder.decode(keyframe), 7, 2);

  const enc = summarize(encodeMs);
  const dec = summarize(decodeMs);
  const naiveEnc = summarize(naiveEncodeMs);
  const naiveDec = summarize(naiveDecodeMs);
  const kib = mean(bytes) / KIB;
  const naiveKib = mean(naiveBytes) / KIB;
  // x264's first packet is its keyframe; the rest match our transitions one for one.
  const x264: Record<string, number> = withX264
    ? { x264_crf23_same_run: mean(x264PacketSizes(frames, width, height, 10).slice(1)) / KIB }
    : {};
  rows.push(
    {
      name: `${name}: KiB per update (mean of ${bytes.length} transitions)`,
      unit: 'KiB',
      median: kib,
      samples: bytes.length,
      compared_to: {
        naive_tile_diff_deflate1: naiveKib,
        ...x264,
        ...(name in X264_KIB_FROM_ISSUE ? { x264_crf23_from_issue: X264_KIB_FROM_ISSUE[name]! } : {}),
      },
      extra: {
        ratio_to_naive: kib / naiveKib,
        goal_ratio: name === 'sparse' ? 0.4 : 0.5,
        median_KiB: summarize(bytes).median / KIB,
      },
    },
    {
      name: `${name}: encode ms per 1080p update`,
      unit: 'ms',
      median: enc.median,
      samples: enc.samples,
      compared_to: { naive_tile_diff_deflate1: naiveEnc.median },
      extra: { p95: enc.p95, cpu_median: summarize(encodeCpuMs).median, naive_p95: naiveEnc.p95, goal: 10 },
    },
    {
      name: `${name}: decode ms per 1080p update`,
      unit: 'ms',
      median: dec.median,
      samples: dec.samples,
      compared_to: { naive_tile_diff_deflate1: naiveDec.median },
      extra: { p95: dec.p95, goal: 5 },
    },
    {
      name: `${name}: keyframe encode ms`,
      unit: 'ms',
      median: summarize(keyMs).median,
      samples: keyMs.length,
      compared_to: {},
      extra: {
        keyframe_KiB: keyframe.length / KIB,
        cpu_median: summarize(keyCpuMs.slice(2)).median,
        decode_ms: summarize(keyDecodeMs).median,
        goal: 60,
      },
    },
  );

  if (name === CHROMIUM_SCENE) {
    const browserMs = await decodeInChromium(updates, PASSES * 2);
    if (typeof browserMs === 'string') console.log(`headless Chromium decode not measured: ${browserMs}`);
    else {
      const inBrowser = summarize(browserMs);
      rows.push({
        name: `${name}: decode ms per 1080p update in headless Chromium (fflate)`,
        unit: 'ms',
        median: inBrowser.median,
        samples: inBrowser.samples,
        compared_to: { node: dec.median },
        extra: { p95: inBrowser.p95, goal: 5 },
      });
    }
  }
}

writeBenchResults(join(dirname(fileURLToPath(import.meta.url)), '..'), '@fernhilfe/codec', rows);
console.table(
  rows.map((r) => ({
    name: r.name,
    median: Number(r.median.toFixed(2)),
    ...Object.fromEntries(
      Object.entries(r.extra ?? {}).map(([k, v]) => [k, typeof v === 'number' ? Number(v.toFixed(2)) : v]),
    ),
  })),
);
