import { describe, expect, it } from 'vitest';
import { ipPrefixKey, ipRateLimitKey } from '../../src/index';

describe('ipRateLimitKey', () => {
  it('keys IPv4 by address', () => {
    expect(ipRateLimitKey('192.0.2.1')).toBe('v4:192.0.2.1');
    expect(ipRateLimitKey(' 192.0.2.1 ')).toBe('v4:192.0.2.1');
  });

  it('keys IPv6 by /64, in any spelling', () => {
    const key = 'v6:2001:db8:0:1';
    expect(ipRateLimitKey('2001:db8:0:1::1')).toBe(key);
    expect(ipRateLimitKey('2001:0DB8:0000:0001:ffff:ffff:ffff:ffff')).toBe(key);
    expect(ipRateLimitKey('[2001:db8:0:1::42]')).toBe(key);
    expect(ipRateLimitKey('2001:db8:0:1::42%eth0')).toBe(key);
    expect(ipRateLimitKey('2001:db8:0:2::1')).not.toBe(key);
    expect(ipRateLimitKey('::1')).toBe('v6:0:0:0:0');
  });

  it('treats IPv4-mapped IPv6 as IPv4', () => {
    expect(ipRateLimitKey('::ffff:192.0.2.1')).toBe('v4:192.0.2.1');
    expect(ipRateLimitKey('::ffff:c000:201')).toBe('v4:192.0.2.1');
    expect(ipRateLimitKey('0:0:0:0:0:ffff:192.0.2.1')).toBe('v4:192.0.2.1');
  });

  it('keys anything else by its bounded text', () => {
    expect(ipRateLimitKey('1:2:3')).toBe('other:1:2:3');
    expect(ipRateLimitKey('999.1.1.1')).toBe('other:999.1.1.1');
    expect(ipRateLimitKey('x'.repeat(1000)).length).toBeLessThanOrEqual(70);
  });
});

describe('ipPrefixKey', () => {
  it('keys IPv4 by /24 and IPv4-mapped IPv6 likewise', () => {
    expect(ipPrefixKey('198.51.100.7')).toBe('v4/24:198.51.100');
    expect(ipPrefixKey('198.51.100.250')).toBe('v4/24:198.51.100');
    expect(ipPrefixKey('::ffff:198.51.100.9')).toBe('v4/24:198.51.100');
    expect(ipPrefixKey('198.51.101.7')).not.toBe(ipPrefixKey('198.51.100.7'));
  });

  it('keys IPv6 by /48: every /64 of a /56 lands in one network', () => {
    const key = 'v6/48:2001:db8:aa';
    expect(ipPrefixKey('2001:db8:aa:1200::1')).toBe(key);
    expect(ipPrefixKey('2001:0db8:00aa:12ff:ffff::1')).toBe(key);
    expect(ipPrefixKey('[2001:db8:aa::42%eth0]')).toBe(key);
    expect(ipPrefixKey('2001:db8:ab::1')).not.toBe(key);
  });

  it('keys anything else by its bounded text, apart from every address', () => {
    expect(ipPrefixKey('999.1.1.1')).toBe('other:999.1.1.1');
    expect(ipPrefixKey('x'.repeat(1000)).length).toBeLessThanOrEqual(70);
  });
});
