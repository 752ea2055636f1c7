import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningProxy, startTinyproxy } from '../../../scripts/tinyproxy';
import {
  createAgentClient,
  createGuestClient,
  type ProxyAuthRequest,
  ProxyError,
  TransportErrorCode,
} from '../src/index';
import { AGENT_TOKEN, startRelay, type TestRelay } from './helpers';

const USER = 'kunde';
const PASSWORD = 'geheim-Passwort-42';

let relay: TestRelay;
let open: RunningProxy;
let guarded: RunningProxy;

beforeAll(async () => {
  relay = await startRelay({ maxConnectionsPerIp: 100 });
  open = await startTinyproxy();
  guarded = await startTinyproxy({ username: USER, password: PASSWORD });
});

afterAll(async () => {
  await open?.stop();
  await guarded?.stop();
  await relay?.relay.close();
});

async function pairThrough(
  proxy: string,
  onProxyAuth?: (request: ProxyAuthRequest) => { username: string; password: string } | null,
) {
  const session = await createAgentClient({ url: relay.url, token: AGENT_TOKEN, proxy: false });
  const guest = await createGuestClient({ url: relay.url, number: session.number, proxy, onProxyAuth });
  const agent = await session.waitForGuest();
  const got = (async () => {
    for await (const bytes of agent) return bytes;
  })();
  await guest.send(new Uint8Array([4, 2]));
  expect(await got).toEqual(new Uint8Array([4, 2]));
  guest.close();
}

describe('HTTP CONNECT through a real tinyproxy', () => {
  it('tunnels through a proxy without auth (explicit option)', async () => {
    await pairThrough(open.url);
    expect(open.log()).toMatch(/CONNECT/);
  });

  it('tunnels through the proxy named in HTTP_PROXY', async () => {
    const session = await createAgentClient({
      url: relay.url,
      token: AGENT_TOKEN,
      env: { HTTP_PROXY: open.url, NO_PROXY: 'example.org' },
    });
    session.cancel();
    expect(open.log().match(/CONNECT/g)?.length).toBeGreaterThanOrEqual(2);
  });

  it('asks onProxyAuth on 407 and retries with Basic credentials', async () => {
    const asked: ProxyAuthRequest[] = [];
    await pairThrough(guarded.url, (request) => {
      asked.push(request);
      return { username: USER, password: PASSWORD };
    });
    expect(asked).toEqual([{ proxy: `127.0.0.1:${guarded.port}`, attempt: 1 }]);
  });

  it('fails with PROXY_AUTH_FAILED after wrong credentials twice, without leaking them', async () => {
    const asked: number[] = [];
    const session = await createAgentClient({ url: relay.url, token: AGENT_TOKEN, proxy: false });
    const error = await createGuestClient({
      url: relay.url,
      number: session.number,
      proxy: guarded.url,
      onProxyAuth: ({ attempt }) => {
        asked.push(attempt);
        return { username: USER, password: 'falsch-123' };
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProxyError);
    expect((error as ProxyError).code).toBe(TransportErrorCode.PROXY_AUTH_FAILED);
    expect([401, 407]).toContain((error as ProxyError).status);
    expect(asked).toEqual([1, 2]);
    expect(JSON.stringify(error) + String(error) + (error as Error).stack).not.toContain('falsch-123');
    session.cancel();
  });

  it('fails with PROXY_AUTH_FAILED when the user gives no credentials', async () => {
    const error = await createGuestClient({
      url: relay.url,
      number: '12345678',
      proxy: guarded.url,
      onProxyAuth: () => null,
    }).catch((e: unknown) => e);
    expect((error as ProxyError).code).toBe(TransportErrorCode.PROXY_AUTH_FAILED);
  });

  it('reports an unreachable proxy as PROXY_CONNECT_FAILED', async () => {
    const error = await createGuestClient({ url: relay.url, number: '12345678', proxy: 'http://127.0.0.1:1' }).catch(
      (e: unknown) => e,
    );
    expect((error as ProxyError).code).toBe(TransportErrorCode.PROXY_CONNECT_FAILED);
  });
});
