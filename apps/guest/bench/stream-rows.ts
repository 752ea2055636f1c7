// Bench rows of a measured streaming run: per-frame cost, frames/s and guest CPU.
import { type BenchRow, summarize } from '../../../scripts/bench-report';
import type { StreamingResult } from './measure-session';

const round = (value: number, digits = 2) => Number(value.toFixed(digits));

const perFrame = (result: StreamingResult) => summarize(result.costs.map((c) => c.captureMs + c.encodeMs + c.sendMs));

const partMedian = (result: StreamingResult, key: 'captureMs' | 'encodeMs' | 'sendMs') =>
  round(summarize(result.costs.map((c) => c[key])).median);

/**
 * Rows for one streaming run, each compared with a second run of the same scene when given.
 *
 * @param label - what streamed, e.g. `stream typing 1920x1080`
 * @param seconds - the measured time
 * @param result - the run
 * @param baseline - the run to compare with and its name in `compared_to`
 * @returns per-frame capture+encode+send (p95, parts, bytes per frame), frames/s, CPU per second
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
  ];
}
