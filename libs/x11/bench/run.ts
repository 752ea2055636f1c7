// Capture cost per full frame at 1920×1080 on a private Xvfb: MIT-SHM vs core GetImage,
// measured in the same run on the same screen content, interleaved so both see the same load;
// then the whole per-frame X cost (damage rearm + capture + hints), the cursor image and an X
// round trip.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BenchRow, summarize, writeBenchResults } from '../../../scripts/bench-report';
import { paintRoot } from '../../../scripts/x11-draw';
import { startXvfb } from '../../../scripts/xvfb';
import { connectDisplay } from '../src/connect';
import { createCursorTracker } from '../src/cursor';
import { createScreenCapture, type ScreenCapture } from '../src/screen-capture';
import { openX11Desktop } from '../src/x11-desktop';

const SAMPLES = 60;
const WARMUP = 5;

async function timeAsync(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function main(): Promise<void> {
  const xvfb = await startXvfb('1920x1080x24');
  try {
    const connection = await connectDisplay({ display: xvfb.display });
    await paintRoot(
      connection,
      Array.from({ length: 64 }, (_, i) => ({
        x: (i % 8) * 240,
        y: Math.floor(i / 8) * 135,
        width: 240,
        height: 135,
        color: (i * 0x3f5a1b) & 0xffffff,
      })),
    );
    const shm: ScreenCapture = await createScreenCapture(connection, 'shm');
    const getimage: ScreenCapture = await createScreenCapture(connection, 'getimage');
    for (let i = 0; i < WARMUP; i++) {
      await shm.capture();
      await getimage.capture();
    }
    const shmTimes: number[] = [];
    const getimageTimes: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      shmTimes.push(await timeAsync(() => shm.capture()));
      getimageTimes.push(await timeAsync(() => getimage.capture()));
    }
    await shm.close();
    await getimage.close();
    await connection.close();

    // The whole per-frame X cost as the guest pays it: damage rearm + capture + hints.
    const desktop = await openX11Desktop({ display: xvfb.display });
    for (let i = 0; i < WARMUP; i++) await desktop.capture();
    const desktopTimes: number[] = [];
    for (let i = 0; i < SAMPLES; i++) desktopTimes.push(await timeAsync(() => desktop.capture()));
    const cursor = await createCursorTracker(desktop.connection);
    const cursorTimes: number[] = [];
    for (let i = 0; i < SAMPLES; i++) cursorTimes.push(await timeAsync(() => cursor.image()));
    const syncTimes: number[] = [];
    for (let i = 0; i < SAMPLES; i++) syncTimes.push(await timeAsync(() => desktop.connection.sync()));
    cursor.close();
    await desktop.close();

    const s = summarize(shmTimes);
    const g = summarize(getimageTimes);
    const d = summarize(desktopTimes);
    const c = summarize(cursorTimes);
    const rt = summarize(syncTimes);
    const rows: BenchRow[] = [
      {
        name: 'capture 1920x1080 mit-shm',
        unit: 'ms',
        median: s.median,
        samples: s.samples,
        compared_to: { core_getimage: g.median },
        extra: { p95: s.p95, speedup_vs_getimage: Number((g.median / s.median).toFixed(2)) },
      },
      {
        name: 'capture 1920x1080 core getimage',
        unit: 'ms',
        median: g.median,
        samples: g.samples,
        compared_to: { mit_shm: s.median },
        extra: { p95: g.p95 },
      },
      {
        name: 'desktop.capture 1920x1080 (shm + damage hints)',
        unit: 'ms',
        median: d.median,
        samples: d.samples,
        compared_to: { bare_mit_shm: s.median },
        extra: { p95: d.p95 },
      },
      {
        name: 'cursor image (XFIXES GetCursorImage + RGBA)',
        unit: 'ms',
        median: c.median,
        samples: c.samples,
        compared_to: { x_round_trip: rt.median },
        extra: { p95: c.p95 },
      },
      {
        name: 'X round trip (sync)',
        unit: 'ms',
        median: rt.median,
        samples: rt.samples,
        compared_to: {},
        extra: { p95: rt.p95 },
      },
    ];
    writeBenchResults(join(dirname(fileURLToPath(import.meta.url)), '..'), '@fernhilfe/x11', rows);
  } finally {
    await xvfb.stop();
  }
}

await main();
