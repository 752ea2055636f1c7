// The Node guest streaming a typing and a scrolling xterm through a real relay to a
// headless viewer: capture → encode → send per frame, frames/s, CPU per second, each with
// and without DAMAGE hints.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BenchRow, writeBenchResults } from '../../../scripts/bench-report';
import { startXvfb } from '../../../scripts/xvfb';
import { streamingRows } from './stream-rows';
import { measureStreaming, SCENES } from './streaming';

const STREAM_SECONDS = 5;

async function main(): Promise<void> {
  const xvfb = await startXvfb('1920x1080x24');
  try {
    const rows: BenchRow[] = [];
    for (const scene of Object.keys(SCENES) as Array<keyof typeof SCENES>) {
      const withDamage = await measureStreaming(xvfb, scene, STREAM_SECONDS, true);
      const without = await measureStreaming(xvfb, scene, STREAM_SECONDS, false);
      rows.push(
        ...streamingRows(`stream ${scene} 1920x1080`, STREAM_SECONDS, withDamage, {
          name: 'without_damage_hints',
          result: without,
        }),
      );
    }
    writeBenchResults(join(dirname(fileURLToPath(import.meta.url)), '..'), '@fernhilfe/guest', rows);
  } finally {
    await xvfb.stop();
  }
}

await main();
