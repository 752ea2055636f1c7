import type { ScreenFrame } from '@fernhilfe/desktop';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Fill, framePixel, paintRoot } from '../../../scripts/x11-draw';
import { startXvfb, type Xvfb } from '../../../scripts/xvfb';
import { parseXwd } from '../../../scripts/xwd';
import { connectDisplay } from '../src/connect';
import type { X11Connection } from '../src/connection';
import { X11Error, X11ErrorCode } from '../src/errors';
import { createScreenCapture } from '../src/screen-capture';

const pattern: Fill[] = [
  { x: 0, y: 0, width: 1280, height: 800, color: 0x102030 },
  { x: 10, y: 20, width: 300, height: 200, color: 0xff0000 },
  { x: 400, y: 100, width: 250, height: 150, color: 0x00ff00 },
  { x: 700, y: 500, width: 400, height: 250, color: 0x0000ff },
  { x: 1279, y: 799, width: 1, height: 1, color: 0xfedcba },
];

function expectPattern(frame: ScreenFrame): void {
  expect(framePixel(frame, 0, 0)).toBe(0x102030);
  expect(framePixel(frame, 10, 20)).toBe(0xff0000);
  expect(framePixel(frame, 309, 219)).toBe(0xff0000);
  expect(framePixel(frame, 310, 220)).toBe(0x102030);
  expect(framePixel(frame, 500, 200)).toBe(0x00ff00);
  expect(framePixel(frame, 1000, 600)).toBe(0x0000ff);
  expect(framePixel(frame, 1279, 799)).toBe(0xfedcba);
}

describe('screen capture on a real Xvfb', () => {
  let xvfb: Xvfb;
  let connection: X11Connection;
  beforeAll(async () => {
    xvfb = await startXvfb();
    connection = await connectDisplay({ display: xvfb.display });
    await paintRoot(connection, pattern);
  });
  afterAll(async () => {
    await connection?.close();
    await xvfb?.stop();
  });

  it('uses MIT-SHM on a local display when asked for auto', async () => {
    const capture = await createScreenCapture(connection, 'auto');
    expect(capture.backendName).toBe('shm');
    await capture.close();
  });

  for (const backend of ['shm', 'getimage'] as const) {
    it(`${backend}: frame equals what xwd -root reads, pixel for pixel`, async () => {
      const capture = await createScreenCapture(connection, backend);
      const frame = await capture.capture();
      expect(frame).toMatchObject({ width: 1280, height: 800, stride: 1280 * 4, format: 'bgrx' });
      expect(frame.data.length).toBe(1280 * 4 * 800);
      expectPattern(frame);
      const xwd = parseXwd(await xvfb.exec('xwd', ['-root', '-silent']));
      expect([xwd.width, xwd.height]).toEqual([1280, 800]);
      let mismatches = 0;
      for (let y = 0; y < 800; y++) {
        for (let x = 0; x < 1280; x++) if (framePixel(frame, x, y) !== xwd.pixel(x, y)) mismatches++;
      }
      expect(mismatches).toBe(0);
      await capture.close();
    });
  }

  it('captures only when asked, and counts every capture', async () => {
    const capture = await createScreenCapture(connection);
    expect(capture.captureCount).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(capture.captureCount).toBe(0);
    await capture.capture();
    await Promise.all([capture.capture(), capture.capture()]);
    expect(capture.captureCount).toBe(3);
    await capture.close();
    await expect(capture.capture()).rejects.toMatchObject({ code: X11ErrorCode.CLOSED });
    expect(capture.captureCount).toBe(3);
  });

  it('sees a change made between two captures (shm buffer is refreshed)', async () => {
    const capture = await createScreenCapture(connection, 'shm');
    const before = await capture.capture();
    expect(framePixel(before, 50, 50)).toBe(0xff0000);
    await paintRoot(connection, [{ x: 40, y: 40, width: 20, height: 20, color: 0xabcdef }]);
    const after = await capture.capture();
    expect(framePixel(after, 50, 50)).toBe(0xabcdef);
    await paintRoot(connection, [{ x: 40, y: 40, width: 20, height: 20, color: 0xff0000 }]);
    await capture.close();
  });

  it('fails with X11_DISPLAY_LOST when the server goes away mid-session', async () => {
    const own = await startXvfb('320x200x24');
    const lost = await connectDisplay({ display: own.display });
    const capture = await createScreenCapture(lost, 'getimage');
    await capture.capture();
    const gone = new Promise((resolve) => lost.onLost(resolve));
    await own.stop();
    await gone;
    const error = await capture.capture().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(X11Error);
    expect((error as X11Error).code).toBe(X11ErrorCode.DISPLAY_LOST);
    await lost.close();
  });
});
