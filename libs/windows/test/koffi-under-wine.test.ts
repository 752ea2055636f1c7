import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleForWindows, runNodeUnderWine } from '../../../scripts/run-under-wine';
import { startWine, type Wine } from '../../../scripts/wine';
import { startXvfb, type Xvfb } from '../../../scripts/xvfb';

describe('koffi in Node 22 for Windows under wine', () => {
  let xvfb: Xvfb;
  let wine: Wine;
  beforeAll(async () => {
    xvfb = await startXvfb('1024x768x24');
    wine = await startWine(xvfb);
  }, 180_000);
  afterAll(async () => {
    await wine?.stop();
    await xvfb?.stop();
  });

  it('loads the pinned binary and calls user32', async () => {
    const bundle = await bundleForWindows(new URL('./support/screen-size.fixture.ts', import.meta.url).pathname);
    try {
      const result = await runNodeUnderWine(wine, bundle.file);
      expect(result.code, result.output).toBe(0);
      expect(JSON.parse(result.output.trim().split('\n').at(-1) ?? '')).toEqual({ width: 1024, height: 768 });
    } finally {
      bundle.remove();
    }
  }, 120_000);

  it('reads the manual proxy from the registry as Windows stores it', async () => {
    const key = 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings';
    const set = (name: string, type: string, data: string) =>
      wine.run('reg', ['add', key, '/v', name, '/t', type, '/d', data, '/f'], { timeoutMs: 60_000 });
    expect((await set('ProxyEnable', 'REG_DWORD', '1')).code).toBe(0);
    expect((await set('ProxyServer', 'REG_SZ', 'proxy.corp:3128')).code).toBe(0);
    expect((await set('ProxyOverride', 'REG_SZ', '*.corp;<local>')).code).toBe(0);
    const bundle = await bundleForWindows(new URL('./support/internet-settings.fixture.ts', import.meta.url).pathname);
    try {
      const result = await runNodeUnderWine(wine, bundle.file);
      expect(result.code, result.output).toBe(0);
      expect(JSON.parse(result.output.trim().split('\n').at(-1) ?? '')).toEqual({
        proxyEnable: 1,
        proxyServer: 'proxy.corp:3128',
        proxyOverride: '*.corp;<local>',
      });
    } finally {
      bundle.remove();
    }
  }, 120_000);
});
