// End-to-end figures of a live support call on this machine: a real relay on loopback,
// the Node guest CLI on a 1920×1080 Xvfb, the agent console in headless Chromium.
//
// Latency: from the first DAMAGE event of a change on the X screen (seen by this process on
// its own X connection, scripts/x11-screen-watch.ts; keys pressed with xdotool) to the paint that makes the probed canvas region equal to the
// settled screen region (seen by a probe in the page). Both ends read the same clock
// (performance.timeOrigin + performance.now()).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDecoder, createEncoder } from '@fernhilfe/codec';
import type { Page } from 'playwright-core';
import { type BenchRow, summarize, timeSync, writeBenchResults } from '../../../scripts/bench-report';
import { type ScreenChangeWatch, watchScreenChanges } from '../../../scripts/x11-screen-watch';
import { startXvfb, type Xvfb } from '../../../scripts/xvfb';
import { parseXwd } from '../../../scripts/xwd';
import { consolePage, type Rect } from '../e2e/support/console-page';
import { startGuestCli } from '../e2e/support/guest-cli';
import { startShortLivedRelay } from '../e2e/support/relay';
import { buildWeb } from '../scripts/build-web.mjs';
import { launchChromium } from '../test/browser/harness';
import { hashPixels, installPageProbe } from './page-probe';

const SCREEN = { width: 1920, height: 1080 };
const TOKEN = 'bench-agent-token-0123456789';
const CELL = { width: 6, height: 13 }; // the core font "fixed" (6x13) of xfonts-base
const TYPING_SAMPLES = Number(process.env.BENCH_SAMPLES ?? 80);
const SCROLL_SAMPLES = Number(process.env.BENCH_SAMPLES ?? 80);
const ROUND_TRIP_SAMPLES = Math.min(40, TYPING_SAMPLES);
const PAUSE_MS = 120; // between keystrokes: a fast typist
const FLOOD_SECONDS = 5;
const appDir = join(import.meta.dirname, '..');
const clock = () => performance.timeOrigin + performance.now();
const round = (value: number, digits = 1) => Number(value.toFixed(digits));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface ProbeState {
  log: Array<{ t: number; hash: number }>;
  frames: number;
  processingMs: number[];
  paintMs: number[];
  bytes: number;
}

async function setProbeRegion(page: Page, region: Rect | undefined): Promise<void> {
  await page.evaluate((next) => {
    const probe = (globalThis as unknown as { __probe: { region: unknown; log: unknown[]; lastHash: number } }).__probe;
    probe.region = next ?? undefined;
    probe.log = [];
    probe.lastHash = -1;
  }, region ?? null);
}

const readProbe = (page: Page) =>
  page.evaluate(() => {
    const probe = (globalThis as unknown as { __probe: ProbeState }).__probe;
    return {
      log: probe.log,
      frames: probe.frames,
      processingMs: probe.processingMs,
      paintMs: probe.paintMs,
      bytes: probe.bytes,
    };
  });

/** Pixels of a screen region as 0xRRGGBB, from this process's own capture (`xwd`). */
async function screenRegion(xvfb: Xvfb, region: Rect): Promise<number[]> {
  const image = parseXwd(await xvfb.exec('xwd', ['-root', '-silent']));
  const out: number[] = [];
  for (let y = region.y; y < region.y + region.height; y++) {
    for (let x = region.x; x < region.x + region.width; x++) out.push(image.pixel(x, y));
  }
  return out;
}

/** The X screen under test: the display, and a watch for its changes. */
interface Screen {
  xvfb: Xvfb;
  changes: ScreenChangeWatch;
}

/** One latency sample: key → first damage; then when the canvas showed the settled region. */
async function latencySample(page: Page, screen: Screen, region: Rect, keysym: string) {
  await setProbeRegion(page, region);
  const changedAt = await screen.changes.timeNextChange(() => screen.xvfb.exec('xdotool', ['key', keysym]), 2000);
  await sleep(PAUSE_MS);
  const expected = hashPixels(await screenRegion(screen.xvfb, region));
  for (const deadline = clock() + 3000; clock() < deadline; await sleep(20)) {
    const { log } = await readProbe(page);
    const hit = log.find((entry) => entry.hash === expected);
    if (hit) return hit.t - changedAt;
  }
  return undefined;
}

/** One round-trip sample: a key pressed in the page until the canvas shows the settled echo. */
async function pageKeySample(page: Page, xvfb: Xvfb, region: Rect, letter: string) {
  await setProbeRegion(page, region);
  const pressedAt = clock();
  await page.keyboard.press(letter);
  await sleep(PAUSE_MS);
  const expected = hashPixels(await screenRegion(xvfb, region));
  for (const deadline = clock() + 3000; clock() < deadline; await sleep(20)) {
    const hit = (await readProbe(page)).log.find((entry) => entry.hash === expected);
    if (hit) return hit.t - pressedAt;
  }
  return undefined;
}

async function startTerminal(xvfb: Xvfb, script: string, work: string): Promise<() => void> {
  const title = `bench-${Date.now()}`;
  const child = xvfb.spawnClient(
    'xterm',
    ['-geometry', '318x82+0+0', '-fn', 'fixed', '-T', title, '-e', 'bash', '--norc', '--noprofile', '-c', script],
    { cwd: work },
  );
  await xvfb.exec('xdotool', ['search', '--sync', '--onlyvisible', '--name', title]);
  await xvfb.exec('xdotool', ['mousemove', '900', '500']); // no window manager: focus follows the pointer
  await sleep(500);
  return () => child.kill('SIGKILL');
}

async function measureScene(page: Page, run: () => Promise<void>) {
  const before = await readProbe(page);
  const startedAt = clock();
  await run();
  const seconds = (clock() - startedAt) / 1000;
  const after = await readProbe(page);
  return {
    seconds,
    framesPerSecond: (after.frames - before.frames) / seconds,
    kilobitsPerSecond: ((after.bytes - before.bytes) * 8) / 1000 / seconds,
  };
}

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'fernhilfe-viewer-bench-'));
  const webDir = join(work, 'web');
  await buildWeb({ outdir: webDir });
  const xvfb = await startXvfb(`${SCREEN.width}x${SCREEN.height}x24`);
  const relay = await startShortLivedRelay({ webDir, token: TOKEN, waitingForGuestMs: 600_000 });
  const browser = await launchChromium('en-US');
  const guest = startGuestCli({ relayUrl: relay.wsUrl, display: xvfb.display, lang: 'en' });
  let changes: ScreenChangeWatch | undefined;
  const rows: BenchRow[] = [];
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.addInitScript('globalThis.__name = (target) => target;');
    await page.addInitScript(installPageProbe);
    await page.setViewportSize({ width: 1920, height: 1200 });
    const agent = consolePage(page);
    let stopTerminal = await startTerminal(xvfb, 'cat', work);
    await agent.open(relay.base);
    await agent.signIn(TOKEN);
    const number = await agent.newSession();
    await guest.waitFor(/Session number: /, { timeoutMs: 30_000 });
    guest.typeLine(number);
    await guest.waitFor(/\(y\/n\): /);
    guest.mark();
    guest.typeLine('y');
    await guest.waitFor(/Your screen is being shared now/);
    for (let i = 0; i < 100 && (await agent.canvasSize()).width !== SCREEN.width; i++) await sleep(100);
    await agent.part('mode-1to1').click();
    changes = await watchScreenChanges(xvfb.display, clock);
    const screen: Screen = { xvfb, changes };
    await sleep(1000);

    // Typing: one character at a time on the first line of a `cat` terminal.
    const typing: number[] = [];
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    const typingScene = await measureScene(page, async () => {
      for (let i = 0; i < TYPING_SAMPLES; i++) {
        const row = Math.floor(i / 200);
        const letter = letters[i % letters.length] as string;
        const region = { x: 0, y: row * CELL.height, width: 1206, height: CELL.height };
        const ms = await latencySample(page, screen, region, letter);
        if (ms !== undefined) typing.push(ms);
      }
    });

    // Round trip as the agent feels it: a key typed in the page → XTEST on the guest → the
    // echo on the canvas.
    await agent.part('request-control').click();
    await guest.waitFor(/Allow control\? Yes \/ No \(y\/n\): /);
    guest.mark();
    guest.typeLine('y');
    await guest.waitFor(/You allowed control/);
    const roundTrip: number[] = [];
    for (let i = 0; i < ROUND_TRIP_SAMPLES; i++) {
      const letter = letters[i % letters.length] as string;
      const ms = await pageKeySample(page, xvfb, { x: 0, y: 0, width: 1206, height: CELL.height }, letter);
      if (ms !== undefined) roundTrip.push(ms);
    }
    await agent.part('release-control').click();
    stopTerminal();

    // Scrolling: every Return prints one numbered line at the bottom, the terminal scrolls by one.
    stopTerminal = await startTerminal(
      xvfb,
      'stty -echo; seq -f "line %g of the scrolling terminal" 1 90; i=0; while read -r _; do i=$((i+1)); echo "scrolled $i $(date +%N)"; done',
      work,
    );
    const scrolling: number[] = [];
    const scrollScene = await measureScene(page, async () => {
      for (let i = 0; i < SCROLL_SAMPLES; i++) {
        const region = { x: 0, y: 400, width: 600, height: 300 };
        const ms = await latencySample(page, screen, region, 'Return');
        if (ms !== undefined) scrolling.push(ms);
      }
    });
    const decodeRows = await decodeCosts(xvfb);
    stopTerminal();

    // Flood: a terminal scrolling as fast as it can; what the viewer sustains.
    await setProbeRegion(page, undefined);
    stopTerminal = await startTerminal(
      xvfb,
      'sleep 1; while :; do seq -f "flood line %g ................................" 1 1000; done',
      work,
    );
    const floodScene = await measureScene(page, async () => {
      await sleep(FLOOD_SECONDS * 1000);
    });
    stopTerminal();
    const probe = await readProbe(page);

    const typingSummary = summarize(typing);
    const scrollSummary = summarize(scrolling);
    rows.push(
      {
        name: 'typing 1920x1080: X screen change → agent canvas',
        unit: 'ms',
        median: round(typingSummary.median),
        samples: typingSummary.samples,
        compared_to: { target_p50: 50 },
        extra: { p95: round(typingSummary.p95), target_p95: 150, missed: TYPING_SAMPLES - typing.length },
      },
      {
        name: 'typing 1920x1080: key in the agent page → echo on the agent canvas (round trip)',
        unit: 'ms',
        median: round(summarize(roundTrip).median),
        samples: roundTrip.length,
        compared_to: {},
        extra: { p95: round(summarize(roundTrip).p95), missed: ROUND_TRIP_SAMPLES - roundTrip.length },
      },
      {
        name: 'scrolling 1920x1080: X screen change → agent canvas',
        unit: 'ms',
        median: round(scrollSummary.median),
        samples: scrollSummary.samples,
        compared_to: {},
        extra: { p95: round(scrollSummary.p95), missed: SCROLL_SAMPLES - scrolling.length },
      },
    );
    for (const [scene, figures] of [
      ['typing', typingScene],
      ['scrolling', scrollScene],
      ['flood scrolling', floodScene],
    ] as const) {
      rows.push({
        name: `${scene} 1920x1080: frames painted per second`,
        unit: 'frames/s',
        median: round(figures.framesPerSecond),
        samples: 1,
        compared_to: {},
        extra: { seconds: round(figures.seconds) },
      });
      rows.push({
        name: `${scene} 1920x1080: bandwidth relay → agent`,
        unit: 'kbit/s',
        median: round(figures.kilobitsPerSecond),
        samples: 1,
        compared_to: {},
      });
    }
    const processing = summarize(probe.processingMs);
    rows.push({
      name: 'page: last WebSocket message of a frame → first paint (decrypt + decode)',
      unit: 'ms',
      median: round(processing.median, 2),
      samples: processing.samples,
      compared_to: {},
      extra: { p95: round(processing.p95, 2) },
    });
    const paint = summarize(probe.paintMs);
    rows.push({
      name: 'page: paint per frame (putImageData of the changed rectangles)',
      unit: 'ms',
      median: round(paint.median, 3),
      samples: paint.samples,
      compared_to: {},
      extra: { p95: round(paint.p95, 3) },
    });
    rows.push(...decodeRows);
    const hop = summarize(await workerRoundTrips(page));
    rows.push({
      name: 'page: Web Worker round trip (postMessage there and back, 1 KiB transferred), mean of 50',
      unit: 'ms',
      median: round(hop.median, 3),
      samples: hop.samples,
      compared_to: {},
      extra: { p95: round(hop.p95, 3) },
    });
    guest.mark();
    guest.typeLine('q');
    await guest.waitFor(/You ended the session/);
  } finally {
    changes?.close();
    await guest.stop();
    await browser.close();
    await relay.stop();
    await xvfb.stop();
    await rm(work, { recursive: true, force: true });
  }
  writeBenchResults(appDir, '@fernhilfe/viewer', rows);
}

/** What handing a frame to a worker and back would cost at least, measured in the page. */
function workerRoundTrips(page: Page): Promise<number[]> {
  return page.evaluate(async () => {
    const source = 'onmessage = (event) => postMessage(event.data, [event.data]);';
    const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
    const once = () =>
      new Promise<number>((resolve) => {
        const buffer = new ArrayBuffer(1024);
        const started = performance.now();
        worker.onmessage = () => resolve(performance.now() - started);
        worker.postMessage(buffer, [buffer]);
      });
    for (let i = 0; i < 20; i++) await once();
    // The page's clock has a coarse resolution: time batches of 50 and take the mean per trip.
    const samples: number[] = [];
    for (let batch = 0; batch < 10; batch++) {
      const started = performance.now();
      for (let i = 0; i < 50; i++) await once();
      samples.push((performance.now() - started) / 50);
    }
    worker.terminate();
    return samples;
  });
}

/**
 * What a Web Worker could take off the main thread: decoding a 1080p keyframe and a typing
 * update of the real screen, in Node's V8 (the same engine as Chromium).
 */
async function decodeCosts(xvfb: Xvfb): Promise<BenchRow[]> {
  const image = parseXwd(await xvfb.exec('xwd', ['-root', '-silent']));
  const data = new Uint8Array(image.width * image.height * 4);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const rgb = image.pixel(x, y);
      data.set([rgb & 0xff, (rgb >> 8) & 0xff, (rgb >> 16) & 0xff, 0], (y * image.width + x) * 4);
    }
  }
  const frame = { width: image.width, height: image.height, stride: image.width * 4, data, format: 'bgrx' as const };
  const codecFrame = { ...frame, data: new Uint8Array(frame.data) };
  const encoder = createEncoder({ width: frame.width, height: frame.height });
  const keyframe = encoder.keyframe(codecFrame);
  const typed = new Uint8Array(codecFrame.data);
  for (let y = 0; y < CELL.height; y++) typed.fill(0, y * frame.stride + 600 * 4, y * frame.stride + 606 * 4);
  const delta = encoder.encode({ ...codecFrame, data: typed });
  const warm = createDecoder();
  const keyframeMs = summarize(timeSync(() => warm.decode(keyframe), 30));
  const deltaSamples: number[] = [];
  for (let i = 0; i < 200; i++) {
    warm.decode(keyframe);
    const start = performance.now();
    warm.decode(delta);
    deltaSamples.push(performance.now() - start);
  }
  const deltaSummary = summarize(deltaSamples);
  return [
    {
      name: 'decode 1920x1080 keyframe of the terminal screen (main thread)',
      unit: 'ms',
      median: round(keyframeMs.median, 2),
      samples: keyframeMs.samples,
      compared_to: {},
      extra: { p95: round(keyframeMs.p95, 2), bytes: keyframe.length },
    },
    {
      name: 'decode one typed character update (main thread)',
      unit: 'ms',
      median: round(deltaSummary.median, 3),
      samples: deltaSummary.samples,
      compared_to: {},
      extra: { p95: round(deltaSummary.p95, 3), bytes: delta.length },
    },
  ];
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
