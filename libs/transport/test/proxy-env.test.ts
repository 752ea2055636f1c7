import { describe, expect, it } from 'vitest';
import { isExcludedByNoProxy, resolveProxy, type TransportError, TransportErrorCode } from '../src/index';

const wss = new URL('wss://relay.example.com/relay');
const ws = new URL('ws://relay.example.com:8080/relay');

describe('resolveProxy (curl semantics)', () => {
  it('picks https_proxy for wss and http_proxy for ws, lower case first, ALL_PROXY last', () => {
    const env = { https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:2', HTTP_PROXY: 'plain:3' };
    expect(resolveProxy(wss, { env })?.host).toBe('lower:1');
    expect(resolveProxy(wss, { env: { HTTPS_PROXY: 'http://upper:2' } })?.host).toBe('upper:2');
    expect(resolveProxy(ws, { env })?.href).toBe('http://plain:3/');
    expect(resolveProxy(ws, { env: { ALL_PROXY: 'http://all:4' } })?.host).toBe('all:4');
    expect(resolveProxy(ws, { env: {} })).toBeUndefined();
  });

  it('lets explicit options win over the environment', () => {
    const env = { HTTPS_PROXY: 'http://env:1', NO_PROXY: '*' };
    expect(resolveProxy(wss, { env, proxy: false })).toBeUndefined();
    expect(resolveProxy(wss, { env, proxy: 'http://explicit:2', noProxy: '' })?.host).toBe('explicit:2');
  });

  it('bypasses hosts listed in NO_PROXY', () => {
    expect(resolveProxy(wss, { env: { HTTPS_PROXY: 'http://p:1', no_proxy: 'example.com' } })).toBeUndefined();
  });

  it('rejects proxies it cannot speak', () => {
    const error = (() => {
      try {
        resolveProxy(wss, { proxy: 'socks5://p:1080' });
      } catch (e) {
        return e as TransportError;
      }
    })();
    expect(error?.code).toBe(TransportErrorCode.INVALID_ARGUMENT);
  });
});

describe('isExcludedByNoProxy', () => {
  const cases: Array<[string, number, string, boolean]> = [
    ['relay.example.com', 443, '*', true],
    ['relay.example.com', 443, 'example.com', true],
    ['relay.example.com', 443, '.example.com', true],
    ['example.com', 443, '.example.com', true],
    ['badexample.com', 443, 'example.com', false],
    ['relay.example.com', 443, 'other.org, example.com', true],
    ['relay.example.com', 443, 'other.org example.com', true],
    ['RELAY.Example.COM', 443, 'example.com', true],
    ['relay.example.com', 8080, 'example.com:8080', true],
    ['relay.example.com', 443, 'example.com:8080', false],
    ['10.1.2.3', 443, '10.0.0.0/8', true],
    ['11.1.2.3', 443, '10.0.0.0/8', false],
    ['127.0.0.1', 80, '127.0.0.1', true],
    ['[::1]', 80, '::1', true],
    ['::1', 8080, '[::1]:8080', true],
    ['::1', 80, '[::1]:8080', false],
    ['relay.example.com', 443, '', false],
  ];
  it.each(cases)('%s:%i with NO_PROXY=%s → %s', (host, port, noProxy, excluded) => {
    expect(isExcludedByNoProxy(host, port, noProxy)).toBe(excluded);
  });
});

describe('proxy credentials in errors', () => {
  it('never puts a malformed proxy URL (which may hold a password) into the error', () => {
    let error: unknown;
    try {
      resolveProxy(wss, { proxy: 'http://kunde:geheim@[bad' });
    } catch (e) {
      error = e;
    }
    expect((error as TransportError).code).toBe(TransportErrorCode.INVALID_ARGUMENT);
    expect(JSON.stringify(error) + String(error) + String((error as Error).cause)).not.toContain('geheim');
  });
});
