import type { Desktop } from '@fernhilfe/desktop';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paintRoot, waitFor } from '../../../scripts/x11-draw';
import { startXvfb, type Xvfb } from '../../../scripts/xvfb';
import { X11ErrorCode } from '../src/errors';
import { openX11Desktop } from '../src/x11-desktop';

describe('openX11Desktop on a full Xvfb', () => {
  let xvfb: Xvfb;
  beforeAll(async () => {
    xvfb = await startXvfb('800x600x24');
  });
  afterAll(async () => {
    await xvfb?.stop();
  });

  it('uses every extension and captures nothing until asked', async () => {
    const desktop = await openX11Desktop({ display: xvfb.display });
    expect(desktop.features).toEqual({ capture: 'shm', damage: true, cursor: true, input: true });
    expect([desktop.width, desktop.height]).toEqual([800, 600]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(desktop.captureCount).toBe(0);
    const { frame, hints } = await desktop.capture();
    expect(desktop.captureCount).toBe(1);
    expect(frame.width).toBe(800);
    expect(hints.damage).toBeDefined();
    await desktop.close();
    await desktop.close();
    await expect(desktop.capture()).rejects.toMatchObject({ code: X11ErrorCode.CLOSED });
  });

  it('tells of screen changes between captures through onScreenChange, and never blocks input', async () => {
    const desktop = await openX11Desktop({ display: xvfb.display });
    const satisfiesContract: Desktop = desktop;
    let changes = 0;
    const stop = desktop.onScreenChange(() => changes++);
    expect(satisfiesContract.onInputBlocked(() => expect.unreachable())).toBeTypeOf('function');
    await desktop.capture();
    changes = 0;
    await paintRoot(desktop.connection, [{ x: 10, y: 10, width: 50, height: 50, color: 0x336699 }]);
    await waitFor('a change notice', async () => (changes > 0 ? true : undefined));
    stop();
    const seen = changes;
    await paintRoot(desktop.connection, [{ x: 70, y: 10, width: 50, height: 50, color: 0x996633 }]);
    await desktop.sync();
    expect(changes).toBe(seen);
    const { hints } = await desktop.capture();
    expect(hints.damage?.length).toBeGreaterThan(0);
    await desktop.close();
  });

  it('fails with X11_EXTENSION_MISSING only when MIT-SHM is demanded on a server without it', async () => {
    const noShm = await startXvfb('320x200x24', ['-extension', 'MIT-SHM']);
    try {
      await expect(openX11Desktop({ display: noShm.display, capture: 'shm' })).rejects.toMatchObject({
        code: X11ErrorCode.EXTENSION_MISSING,
      });
    } finally {
      await noShm.stop();
    }
  });
});

describe('the X server going away', () => {
  it('is reported once through onDisplayLost, and later calls fail with X11_DISPLAY_LOST', async () => {
    const xvfb = await startXvfb('320x200x24');
    const desktop = await openX11Desktop({ display: xvfb.display });
    const lost: string[] = [];
    desktop.onDisplayLost((error) => lost.push(error.code));
    await desktop.capture();
    await xvfb.stop();
    await waitFor('the loss to be noticed', async () => (lost.length > 0 ? true : undefined));
    expect(lost).toEqual([X11ErrorCode.DISPLAY_LOST]);
    await expect(desktop.capture()).rejects.toMatchObject({ code: X11ErrorCode.DISPLAY_LOST });
    expect(() => desktop.pointer?.move(1, 1)).toThrow(expect.objectContaining({ code: X11ErrorCode.DISPLAY_LOST }));
    desktop.releaseAll();
    await desktop.close();
  });
});

describe('X errors for requests without a reply', () => {
  it('are reported through onServerError without ending the session', async () => {
    const xvfb = await startXvfb('320x200x24');
    try {
      const desktop = await openX11Desktop({ display: xvfb.display });
      const errors: string[] = [];
      desktop.onServerError((error) => errors.push(error.code));
      desktop.connection.client.FreePixmap(0x1234); // not ours: BadPixmap
      await desktop.sync();
      expect(errors).toEqual([X11ErrorCode.REQUEST_FAILED]);
      await desktop.capture();
      await desktop.close();
    } finally {
      await xvfb.stop();
    }
  });
});

describe('openX11Desktop on an Xvfb without MIT-SHM, DAMAGE, XTEST', () => {
  let xvfb: Xvfb;
  beforeAll(async () => {
    xvfb = await startXvfb('640x480x24', ['-extension', 'MIT-SHM', '-extension', 'DAMAGE', '-extension', 'XTEST']);
  });
  afterAll(async () => {
    await xvfb?.stop();
  });

  it('degrades: GetImage capture, no damage hints, view only', async () => {
    const desktop = await openX11Desktop({ display: xvfb.display });
    expect(desktop.features).toEqual({ capture: 'getimage', damage: false, cursor: true, input: false });
    expect(desktop.pointer).toBeUndefined();
    expect(desktop.keyboard).toBeUndefined();
    const { frame, hints } = await desktop.capture();
    expect(frame.data.length).toBe(640 * 480 * 4);
    expect(hints.damage).toBeUndefined();
    desktop.releaseAll();
    await desktop.close();
  });
});

describe('openX11Desktop on a 16-bit screen', () => {
  it('refuses with X11_UNSUPPORTED_PIXEL_FORMAT', async () => {
    const xvfb = await startXvfb('320x200x16');
    try {
      await expect(openX11Desktop({ display: xvfb.display })).rejects.toMatchObject({
        code: X11ErrorCode.UNSUPPORTED_PIXEL_FORMAT,
      });
    } finally {
      await xvfb.stop();
    }
  });
});
