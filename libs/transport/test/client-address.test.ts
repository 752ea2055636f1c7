import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress, verifyAgentFromList } from '../src/relay/index';

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

describe('verifyAgentFromList', () => {
  it('finds agents by token and refuses others', async () => {
    const verify = verifyAgentFromList([{ token: 'a'.repeat(20), agentId: 'a1', displayName: 'A', org: 'O' }]);
    expect(await verify('a'.repeat(20))).toEqual({ agentId: 'a1', displayName: 'A', org: 'O' });
    expect(await verify('a'.repeat(19))).toBeNull();
  });
});
