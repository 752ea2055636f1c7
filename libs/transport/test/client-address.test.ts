import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { TransportError } from '../src/index';
import { clientAddress, parseTrustedProxies, verifyAgentFromList } from '../src/relay/index';

function request(remoteAddress: string, forwardedFor?: string): IncomingMessage {
  return {
    socket: { remoteAddress },
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  } as unknown as IncomingMessage;
}

describe('clientAddress', () => {
  const trusted = new Set(['10.0.0.5', '10.0.0.6']);
  it('uses the socket address and ignores X-Forwarded-For from untrusted peers', () => {
    expect(clientAddress(request('203.0.113.9', '1.2.3.4'), trusted)).toBe('203.0.113.9');
    expect(clientAddress(request('::ffff:203.0.113.9'), trusted)).toBe('203.0.113.9');
  });
  it('takes the right-most untrusted hop behind trusted proxies', () => {
    expect(clientAddress(request('10.0.0.5', 'spoofed, 198.51.100.7, 10.0.0.6'), trusted)).toBe('198.51.100.7');
    expect(clientAddress(request('10.0.0.5'), trusted)).toBe('10.0.0.5');
  });
});

describe('parseTrustedProxies', () => {
  it('matches addresses and CIDR ranges, IPv4 also as IPv4-mapped IPv6', () => {
    const trusted = parseTrustedProxies([' 127.0.0.0/8', '::1', 'fd00::/8', '192.0.2.7']);
    expect(trusted.entries).toEqual(['127.0.0.0/8', '::1', 'fd00::/8', '192.0.2.7']);
    for (const address of ['127.0.0.1', '127.0.0.23', '::ffff:127.0.0.9', '::1', 'fd12::4', '192.0.2.7']) {
      expect(trusted.has(address), address).toBe(true);
    }
    for (const address of ['128.0.0.1', '192.0.2.8', '::2', 'fe80::1', 'unknown', '']) {
      expect(trusted.has(address), address).toBe(false);
    }
  });

  it('puts the customer behind a proxy in a range on their own address', () => {
    const trusted = parseTrustedProxies(['127.0.0.0/8']);
    expect(clientAddress(request('127.0.0.1', '198.51.100.7'), trusted)).toBe('198.51.100.7');
    expect(clientAddress(request('::ffff:127.0.0.1', '198.51.100.8, 127.0.0.5'), trusted)).toBe('198.51.100.8');
  });

  it.each(['localhost', '127.0.0.0/33', '::/129', '10.0.0.0/', '10.0.0.0/8/8', '10.0.0.0/-1', '10.0.0.0/08x', '*'])(
    'refuses %s with a typed error',
    (entry) => {
      let caught: unknown;
      try {
        parseTrustedProxies([entry]);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(TransportError);
      expect((caught as TransportError).code).toBe('TRANSPORT_INVALID_ARGUMENT');
    },
  );
});

describe('verifyAgentFromList', () => {
  it('finds agents by token and refuses others', async () => {
    const verify = verifyAgentFromList([{ token: 'a'.repeat(20), agentId: 'a1', displayName: 'A', org: 'O' }]);
    expect(await verify('a'.repeat(20))).toEqual({ agentId: 'a1', displayName: 'A', org: 'O' });
    expect(await verify('a'.repeat(19))).toBeNull();
  });
});
