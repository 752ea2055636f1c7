import { describe, expect, it } from 'vitest';
import { systemProxyFromInternetSettings } from '../src/proxy/internet-settings';

describe('systemProxyFromInternetSettings', () => {
  it('is undefined while the manual proxy is off or empty', () => {
    expect(
      systemProxyFromInternetSettings({ proxyEnable: 0, proxyServer: 'proxy:3128', proxyOverride: undefined }, true),
    ).toBeUndefined();
    expect(
      systemProxyFromInternetSettings({ proxyEnable: 1, proxyServer: undefined, proxyOverride: undefined }, true),
    ).toBeUndefined();
  });

  it('uses one proxy for every scheme', () => {
    expect(
      systemProxyFromInternetSettings(
        { proxyEnable: 1, proxyServer: 'proxy.corp:8080', proxyOverride: undefined },
        true,
      ),
    ).toEqual({ proxy: 'http://proxy.corp:8080', noProxy: undefined });
  });

  it('picks the https entry for wss: and the http entry for ws:', () => {
    const settings = { proxyEnable: 1, proxyServer: 'http=a:3128;https=b:3129;socks=c:1080', proxyOverride: undefined };
    expect(systemProxyFromInternetSettings(settings, true)?.proxy).toBe('http://b:3129');
    expect(systemProxyFromInternetSettings(settings, false)?.proxy).toBe('http://a:3128');
    expect(systemProxyFromInternetSettings({ ...settings, proxyServer: 'socks=c:1080' }, true)).toBeUndefined();
  });

  it('translates the bypass list into NO_PROXY syntax where it can', () => {
    const proxy = systemProxyFromInternetSettings(
      { proxyEnable: 1, proxyServer: 'p:1', proxyOverride: '*.corp.example;10.*;192.168.*;intranet;<local>;a*b' },
      true,
    );
    expect(proxy?.noProxy).toBe('.corp.example,10.0.0.0/8,192.168.0.0/16,intranet,localhost,127.0.0.1,::1');
  });
});
