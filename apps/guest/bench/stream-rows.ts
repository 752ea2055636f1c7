// Bench rows of a measured streaming run: per-frame cost, frames/s and guest CPU.
import { type BenchRow, summarize } from '../../../scripts/bench-report';
import type { StreamingResult } from './measure-session';

const round = (value: number, digits = 2) => Number(value.toFixed(digits));

const perFrame = (result: StreamingResult) => summarize(result.costs.map((c) => c.captureMs + c.encodeMs + c.sendMs));

const partMedian = (result: StreamingResult, key: 'captureMs' | 'encodeMs' | 'sendMs') =>
  round(summarize(result.costs.map((c) => c[key])).median);

/** The stages of one frame from the screen to the viewer's framebuffer, in ms. */
const STAGES = ['capture', 'encode', 'seal', 'relay', 'decrypt', 'decode'] as const;

/**
 * Per frame the guest sent and the viewer decoded: each stage's time, the relay's part being the
 * viewer's arrival minus the guest's hand-over to the transport (both on the shared clock).
 */
function stages(result: StreamingResult): Array<Record<(typeof STAGES)[number], number>> {
  const arrivals = new Map((result.arrivals ?? []).map((arrival) => [arrival.frameId, arrival]));
  return result.costs.flatMap((cost) => {
    const arrival = arrivals.get(cost.frameId);
    if (arrival === undefined) return [];
    return [
      {
        capture: cost.captureMs,
        encode: cost.encodeMs,
        seal: cost.sendMs,
        relay: Math.max(0, arrival.arrivedAt - cost.sentAt),
        decrypt: arrival.openMs,
        decode: arrival.decodeMs,
      },
    ];
  });
}

/**
 * A row with the median and p95 of every stage per frame (capture, encode, seal, relay, decrypt,
 * decode); the median is that of their sum. Paint happens in the browser: the viewer bench
 * (apps/viewer) reports it.
 *
 * @param label - what streamed
 * @param result - the run, with the viewer's arrivals
 * @returns the row, or none when the viewer reported no arrivals
 */
export function stageRow(label: string, result: StreamingResult): BenchRow[] {
  const frames = stages(result);
  if (frames.length === 0) return [];
  const total = summarize(frames.map((frame) => STAGES.reduce((sum, stage) => sum + frame[stage], 0)));
  const extra: Record<string, number> = { frames: frames.length };
  for (const stage of STAGES) {
    const figures = summarize(frames.map((frame) => frame[stage]));
    extra[`${stage}_ms`] = round(figures.median, 3);
    extra[`${stage}_p95_ms`] = round(figures.p95, 3);
  }
  return [
    {
      name: `${label}: stages per frame, screen to viewer framebuffer`,
      unit: 'ms',
      median: round(total.median, 3),
      samples: total.samples,
      compared_to: {},
      extra: { p95: round(total.p95, 3), ...extra },
    },
  ];
}

/**
 * Rows for one streaming run, each compared with a second run of the same scene when given.
 *
 * @param label - what streamed, e.g. `stream typing 1920x1080`
 * @param seconds - the measured time
 * @param result - the run
 * @param baseline - the run to compare with and its name in `compared_to`
 * @returns per-frame capture+encode+send (p95, parts, bytes per frame), frames/s, CPU per second,
 *   and the stages per frame when the viewer reported its side
 */
export function streamingRows(
  label: string,
  seconds: number,
  result: StreamingResult,
  baseline?: { name: string; result: StreamingResult },
): BenchRow[] {
  const compared = (figure: (r: StreamingResult) => number): Record<string, number> =>
    baseline === undefined ? {} : { [baseline.name]: figure(baseline.result) };
  const cost = perFrame(result);
  const bytes = summarize(result.costs.map((c) => c.bytes));
  return [
    {
      name: `${label}: capture+encode+send per frame`,
      unit: 'ms',
      median: round(cost.median),
      samples: cost.samples,
      compared_to: compared((r) => round(perFrame(r).median)),
      extra: {
        p95: round(cost.p95),
        capture_ms: partMedian(result, 'captureMs'),
        encode_ms: partMedian(result, 'encodeMs'),
        send_ms: partMedian(result, 'sendMs'),
        bytes_per_frame: bytes.median,
        bytes_per_frame_p95: bytes.p95,
      },
    },
    {
      name: `${label}: frames per second sustained`,
      unit: 'frames/s',
      median: round(result.framesPerSecond, 1),
      samples: 1,
      compared_to: compared((r) => round(r.framesPerSecond, 1)),
      extra: { seconds, kbytes_per_second: round(result.bytesPerSecond / 1024, 1) },
    },
    {
      name: `${label}: guest CPU per second of streaming`,
      unit: 'ms CPU/s',
      median: round(result.cpuMsPerSecond, 1),
      samples: 1,
      compared_to: compared((r) => round(r.cpuMsPerSecond, 1)),
    },
    ...stageRow(label, result),
  ];
}
