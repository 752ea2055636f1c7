// The Windows guest's streaming cost: the Windows platform layer (Node 22 for Windows under wine
// on a 1920×1080 Xvfb) captures, encodes, seals and sends the wine desktop through a real relay
// on loopback to a real viewer call in another process, while notepad moves and its text
// changes. Writes bench/results/windows-stream.json.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBenchResults } from '../../../scripts/bench-report';
import { bundleForWindows, runNodeUnderWine } from '../../../scripts/run-under-wine';
import { startWine } from '../../../scripts/wine';
import { startXvfb } from '../../../scripts/xvfb';
import type { StreamingResult } from './measure-session';
import { streamingRows } from './stream-rows';
import { startViewerProcess } from './viewer-child';

const STREAM_SECONDS = 10;

async function main(): Promise<void> {
  const xvfb = await startXvfb('1920x1080x24');
  const wine = await startWine(xvfb);
  const bundle = await bundleForWindows(fileURLToPath(new URL('./windows-stream.fixture.ts', import.meta.url)));
  try {
    wine.spawn('notepad', []);
    const viewer = await startViewerProcess();
    try {
      const run = await runNodeUnderWine(wine, bundle.file, [viewer.url, viewer.number, String(STREAM_SECONDS)]);
      const last = run.output.trim().split('\n').at(-1) ?? '';
      if (run.code !== 0 || !last.startsWith('{')) throw new Error(`bench fixture failed (${run.code}): ${run.output}`);
      const result = JSON.parse(last) as StreamingResult & { width: number; height: number };
      result.arrivals = await viewer.stop();
      const label = `windows stream notepad ${result.width}x${result.height} under wine`;
      writeBenchResults(
        join(dirname(fileURLToPath(import.meta.url)), '..'),
        '@fernhilfe/guest',
        streamingRows(label, STREAM_SECONDS, result),
        'windows-stream.json',
      );
    } finally {
      await viewer.stop();
    }
  } finally {
    bundle.remove();
    await wine.stop();
    await xvfb.stop();
  }
}

await main();
