import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signBridgeHello, verifyBridgeHello } from '../../src/cluster/bridge-auth';
import { resolveClusterOptions } from '../../src/cluster/options';
import { TransportErrorCode } from '../../src/errors';

const SECRET = 'k'.repeat(40);
const hello = { from: 'node-b', sessionId: 'a1b2', guestAddress: '198.51.100.4', at: 1_000_000 };

describe('bridge hello', () => {
  it('verifies what it signed, within 30 s of the host clock', () => {
    const header = signBridgeHello(hello, SECRET);
    expect(verifyBridgeHello(header, SECRET, hello.at + 29_000)).toEqual(hello);
    expect(verifyBridgeHello(header, SECRET, hello.at + 31_000)).toBeUndefined();
    expect(verifyBridgeHello(header, 'x'.repeat(40), hello.at)).toBeUndefined();
  });

  it('refuses a changed payload, a missing or extra part, and an oversized header', () => {
    const [payload, mac] = signBridgeHello(hello, SECRET).split('.') as [string, string];
    const other = Buffer.from(JSON.stringify({ ...hello, sessionId: 'ffff' })).toString('base64url');
    expect(verifyBridgeHello(`${other}.${mac}`, SECRET, hello.at)).toBeUndefined();
    expect(verifyBridgeHello(payload, SECRET, hello.at)).toBeUndefined();
    expect(verifyBridgeHello(`${payload}.${mac}.x`, SECRET, hello.at)).toBeUndefined();
    expect(verifyBridgeHello(`${'a'.repeat(2_000)}.${mac}`, SECRET, hello.at)).toBeUndefined();
    expect(verifyBridgeHello(undefined, SECRET, hello.at)).toBeUndefined();
  });

  it('gives a hello or nothing for any header, never throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 1_200 }), (header) => {
        expect(verifyBridgeHello(header, SECRET, hello.at)).toBeUndefined();
      }),
    );
  });
});

describe('resolveClusterOptions', () => {
  const good = {
    redisUrl: 'redis://127.0.0.1:6379',
    nodeId: 'n-1',
    advertiseUrl: 'ws://10.0.0.5:8080/relay',
    clusterSecret: SECRET,
  };

  it('applies defaults', () => {
    expect(resolveClusterOptions(good)).toMatchObject({
      keyPrefix: 'fernhilfe:',
      nodeHeartbeatMs: 2_000,
      nodeTimeoutMs: 6_000,
    });
  });

  it('refuses bad ids, URLs, short secrets and timings with TRANSPORT_INVALID_ARGUMENT, never echoing the secret', () => {
    for (const bad of [
      { nodeId: 'a b' },
      { nodeId: '' },
      { redisUrl: 'http://x' },
      { advertiseUrl: 'redis://x' },
      { clusterSecret: 'short' },
      { nodeHeartbeatMs: 0 },
      { nodeHeartbeatMs: 5_000, nodeTimeoutMs: 5_000 },
    ]) {
      let error: unknown;
      try {
        resolveClusterOptions({ ...good, ...bad });
      } catch (caught) {
        error = caught;
      }
      expect({ bad, code: (error as { code?: string }).code }).toEqual({
        bad,
        code: TransportErrorCode.INVALID_ARGUMENT,
      });
      expect((error as Error).message).not.toContain(SECRET);
    }
  });
});
