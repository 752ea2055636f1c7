// The Node guest streaming a typing and a scrolling xterm through a real relay to a
// headless viewer: capture → encode → send per frame, frames/s, CPU per second, each with
// and without DAMAGE hints.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BenchRow, summarize, writeBenchResults } from '../../../scripts/bench-report';
import { startXvfb } from '../../../scripts/xvfb';
import { measureStreaming, SCENES, type StreamingResult } from './streaming';

const STREAM_SECONDS = 5;

const round = (value: number, digits = 2) => Number(value.toFixed(digits));

/** Rows for one scene: per-frame cost, frames/s and CPU, each against the run without DAMAGE hints. */
function streamingRows(scene: string, withDamage: StreamingResult, without: StreamingResult): BenchRow[] {
  const perFrame = (r: StreamingResult) => summarize(r.costs.map((c) => c.captureMs + c.encodeMs + c.sendMs));
  const part = (r: StreamingResult, key: 'captureMs' | 'encodeMs' | 'sendMs') =>
    summarize(r.costs.map((c) => c[key])).median;
  const cost = perFrame(withDamage);
  return [
    {
      name: `stream ${scene} 1920x1080: capture+encode+send per frame`,
      unit: 'ms',
      median: round(cost.median),
      samples: cost.samples,
      compared_to: { without_damage_hints: round(perFrame(without).median) },
      extra: {
        p95: round(cost.p95),
        capture_ms: round(part(withDamage, 'captureMs')),
        encode_ms: round(part(withDamage, 'encodeMs')),
        send_ms: round(part(withDamage, 'sendMs')),
        bytes_per_frame: summarize(withDamage.costs.map((c) => c.bytes)).median,
      },
    },
    {
      name: `stream ${scene} 1920x1080: frames per second sustained`,
      unit: 'frames/s',
      median: round(withDamage.framesPerSecond, 1),
      samples: 1,
      compared_to: { without_damage_hints: round(without.framesPerSecond, 1) },
      extra: { seconds: STREAM_SECONDS, kbytes_per_second: round(withDamage.bytesPerSecond / 1024, 1) },
    },
    {
      name: `stream ${scene} 1920x1080: guest CPU per second of streaming`,
      unit: 'ms CPU/s',
      median: round(withDamage.cpuMsPerSecond, 1),
      samples: 1,
      compared_to: { without_damage_hints: round(without.cpuMsPerSecond, 1) },
    },
  ];
}

async function main(): Promise<void> {
  const xvfb = await startXvfb('1920x1080x24');
  try {
    const rows: BenchRow[] = [];
    for (const scene of Object.keys(SCENES) as Array<keyof typeof SCENES>) {
      const withDamage = await measureStreaming(xvfb, scene, STREAM_SECONDS, true);
      const without = await measureStreaming(xvfb, scene, STREAM_SECONDS, false);
      rows.push(...streamingRows(scene, withDamage, without));
    }
    writeBenchResults(join(dirname(fileURLToPath(import.meta.url)), '..'), '@fernhilfe/guest', rows);
  } finally {
    await xvfb.stop();
  }
}

await main();
