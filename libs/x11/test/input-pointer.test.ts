import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../../scripts/x11-draw';
import { startXvfb, type Xvfb } from '../../../scripts/xvfb';
import { connectDisplay } from '../src/connect';
import { X11Error, X11ErrorCode } from '../src/errors';
import { openX11Desktop, type X11Desktop } from '../src/x11-desktop';

const Button1Mask = 0x100;
const Button3Mask = 0x400;

describe('XTEST pointer on a real Xvfb', () => {
  let xvfb: Xvfb;
  let desktop: X11Desktop;
  beforeAll(async () => {
    xvfb = await startXvfb();
    desktop = await openX11Desktop({ display: xvfb.display });
  });
  afterAll(async () => {
    await desktop?.close();
    await xvfb?.stop();
  });

  async function buttonMask(): Promise<number> {
    const reply = await desktop.connection.request<{ keyMask: number }>('QueryPointer', (cb) =>
      desktop.connection.client.QueryPointer(desktop.connection.root, cb),
    );
    return reply.keyMask & 0x1f00;
  }

  it('moves land where sent (QueryPointer and xdotool agree)', async () => {
    const pointer = desktop.pointer;
    if (pointer === undefined) throw new Error('XTEST missing on Xvfb');
    for (const [x, y] of [
      [0, 0],
      [123, 456],
      [1279, 799],
      [640, 1],
    ] as const) {
      pointer.move(x, y);
      await desktop.sync();
      expect(await desktop.pointerPosition()).toEqual({ x, y });
      const location = (await xvfb.exec('xdotool', ['getmouselocation', '--shell'])).toString();
      expect(location).toContain(`X=${x}\n`);
      expect(location).toContain(`Y=${y}\n`);
    }
  });

  it('clamps moves to the screen and rejects non-finite coordinates', async () => {
    desktop.pointer?.move(5000, -20);
    await desktop.sync();
    expect(await desktop.pointerPosition()).toEqual({ x: 1279, y: 0 });
    expect(() => desktop.pointer?.move(Number.NaN, 1)).toThrow(X11Error);
  });

  it('presses and releases buttons; releaseAll leaves none held', async () => {
    const pointer = desktop.pointer;
    if (pointer === undefined) throw new Error('XTEST missing on Xvfb');
    pointer.move(200, 200);
    pointer.buttonDown('left');
    await desktop.sync();
    expect(await buttonMask()).toBe(Button1Mask);
    pointer.buttonUp('left');
    await desktop.sync();
    expect(await buttonMask()).toBe(0);

    pointer.buttonDown(1);
    pointer.buttonDown('right');
    pointer.buttonDown(3);
    await desktop.sync();
    expect(await buttonMask()).toBe(Button1Mask | Button3Mask);
    expect(pointer.pressedButtons).toEqual([1, 3]);
    desktop.releaseAll();
    await desktop.sync();
    expect(await buttonMask()).toBe(0);
    expect(pointer.pressedButtons).toEqual([]);
  });

  it('ignores releases of buttons it does not hold', async () => {
    desktop.pointer?.buttonUp('middle');
    await desktop.sync();
    expect(await buttonMask()).toBe(0);
  });

  it('turns the wheel as clicks of buttons 4-7 that a window receives, leaving none held', async () => {
    const listener = await connectDisplay({ display: xvfb.display });
    const { client, root } = listener;
    const window = client.AllocID();
    const ButtonPress = 1 << 2;
    const ButtonRelease = 1 << 3;
    client.CreateWindow(window, root, 500, 500, 100, 100, 0, 0, 0, 0, { eventMask: ButtonPress | ButtonRelease });
    client.MapWindow(window);
    await listener.sync();
    const pressed: number[] = [];
    let released = 0;
    listener.onEvent((event) => {
      if (event.name === 'ButtonPress') pressed.push(event.keycode as number);
      if (event.name === 'ButtonRelease') released++;
    });
    desktop.pointer?.move(550, 550);
    desktop.pointer?.scroll(-2, 3);
    await desktop.sync();
    await waitFor('wheel events', async () => (pressed.length === 5 && released === 5 ? true : undefined));
    expect(pressed).toEqual([5, 5, 5, 6, 6]);
    expect(await buttonMask()).toBe(0);
    expect(desktop.pointer?.pressedButtons).toEqual([]);
    await listener.close();
  });

  it('rejects buttons other than left, middle, right and 1..7 with X11_INVALID_ARGUMENT', () => {
    for (const bad of [0, 8, 1.5, -1, 'Left', 'wheel', 'toString', null]) {
      try {
        desktop.pointer?.buttonDown(bad as never);
        expect.unreachable();
      } catch (error) {
        expect((error as X11Error).code).toBe(X11ErrorCode.INVALID_ARGUMENT);
      }
    }
    expect(() => desktop.pointer?.scroll(0.5, 0)).toThrow(X11Error);
  });
});
