import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requirePrograms, startXvfb, type Xvfb } from '../../../scripts/xvfb';
import { connectDisplay, resolveDisplayName } from '../src/connect';
import { X11Error, X11ErrorCode } from '../src/errors';
import { requireExtension } from '../src/extensions';

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(X11Error);
    return (error as X11Error).code;
  }
}

describe('connectDisplay', () => {
  let xvfb: Xvfb;
  beforeAll(async () => {
    xvfb = await startXvfb();
  });
  afterAll(async () => {
    await xvfb?.stop();
  });

  it('opens a running Xvfb and reports its screen', async () => {
    const connection = await connectDisplay({ display: xvfb.display });
    expect(connection.width).toBe(1280);
    expect(connection.height).toBe(800);
    expect(connection.isOpen).toBe(true);
    await connection.close();
    expect(connection.isOpen).toBe(false);
  });

  it('reports a display nobody serves as X11_DISPLAY_UNAVAILABLE', async () => {
    // Display 4321 has no socket; the x11 package then tries TCP 6000+4321, also refused.
    expect(await codeOf(connectDisplay({ display: ':4321', timeoutMs: 3000 }))).toBe(X11ErrorCode.DISPLAY_UNAVAILABLE);
  });

  it('reports a missing or malformed display name as X11_DISPLAY_INVALID', async () => {
    const saved = process.env.DISPLAY;
    delete process.env.DISPLAY;
    try {
      expect(() => resolveDisplayName(undefined)).toThrow(X11Error);
      expect(await codeOf(connectDisplay({}))).toBe(X11ErrorCode.DISPLAY_INVALID);
      expect(await codeOf(connectDisplay({ display: 'no-colon-here' }))).toBe(X11ErrorCode.DISPLAY_INVALID);
    } finally {
      if (saved !== undefined) process.env.DISPLAY = saved;
    }
  });

  it('uses $DISPLAY when no display is given', async () => {
    const saved = process.env.DISPLAY;
    process.env.DISPLAY = xvfb.display;
    try {
      const connection = await connectDisplay();
      expect(connection.displayName).toBe(xvfb.display);
      await connection.close();
    } finally {
      if (saved === undefined) delete process.env.DISPLAY;
      else process.env.DISPLAY = saved;
    }
  });

  it('loads the extensions the guest uses from Xvfb', async () => {
    const connection = await connectDisplay({ display: xvfb.display });
    for (const name of ['shm', 'damage', 'fixes', 'xtest'] as const) {
      await expect(requireExtension(connection, name)).resolves.toBeDefined();
    }
    await connection.close();
  });

  it('rejects requests after close with X11_CLOSED', async () => {
    const connection = await connectDisplay({ display: xvfb.display });
    await connection.close();
    expect(await codeOf(connection.sync())).toBe(X11ErrorCode.CLOSED);
    expect(await codeOf(requireExtension(connection, 'xtest'))).toBe(X11ErrorCode.CLOSED);
  });
});

describe('missing extension', () => {
  let xvfb: Xvfb;
  beforeAll(async () => {
    // Xvfb can switch extensions off: this is the server an operator would see without XTEST.
    xvfb = await startXvfb('640x480x24', ['-extension', 'XTEST', '-extension', 'DAMAGE']);
  });
  afterAll(async () => {
    await xvfb?.stop();
  });

  it('reports it as X11_EXTENSION_MISSING', async () => {
    const connection = await connectDisplay({ display: xvfb.display });
    expect(await codeOf(requireExtension(connection, 'xtest'))).toBe(X11ErrorCode.EXTENSION_MISSING);
    expect(await codeOf(requireExtension(connection, 'damage'))).toBe(X11ErrorCode.EXTENSION_MISSING);
    await connection.close();
  });
});

describe('test prerequisites', () => {
  it('fail loudly, naming the package to install, when a program such as Xvfb is missing', () => {
    expect(() => requirePrograms(['Xvfb', 'fernhilfe-no-such-program'])).toThrow(
      /fernhilfe-no-such-program.*apt-get install/,
    );
  });
});
