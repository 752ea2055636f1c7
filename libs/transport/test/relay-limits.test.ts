import { createJoinRateLimiter, createMemoryRegistry } from '@fernhilfe/session';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  createAgentClient,
  createGuestClient,
  RELAY_SUBPROTOCOL,
  type RelayRejectedError,
  type TransportError,
  TransportErrorCode,
} from '../src/index';
import { AGENT_TOKEN, auditRecords, startRelay, type TestRelay, waitFor } from './helpers';

let current: TestRelay | undefined;
afterEach(async () => {
  await current?.relay.close();
  current = undefined;
});

/** A raw `ws` peer that speaks the relay layer by hand, to send what the clients never would. */
async function rawPeer(url: string, protocol = RELAY_SUBPROTOCOL) {
  const socket = new WebSocket(url, protocol, { perMessageDeflate: false, maxPayload: 4 * 1024 * 1024 });
  const texts: Array<Record<string, unknown>> = [];
  socket.on('message', (data, isBinary) => {
    if (!isBinary) texts.push(JSON.parse(data.toString()) as Record<string, unknown>);
  });
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  socket.on('error', () => undefined);
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  return { socket, texts, closed };
}

async function pairedRaw(url: string) {
  const agent = await rawPeer(url);
  agent.socket.send(JSON.stringify({ type: 'create', token: AGENT_TOKEN }));
  await waitFor(() => agent.texts.length > 0);
  const number = agent.texts[0]?.number as string;
  const guest = await rawPeer(url);
  guest.socket.send(JSON.stringify({ type: 'join', number }));
  await waitFor(() => guest.texts.length > 0 && agent.texts.length > 1);
  return { agent, guest };
}

describe('relay limits and failures', () => {
  it('expires a number nobody joined: the agent learns EXPIRED, a late guest too', async () => {
    current = await startRelay({ registry: createMemoryRegistry({ waitingForGuestMs: 150 }), expirySweepMs: 50 });
    const session = await createAgentClient({ url: current.url, token: AGENT_TOKEN });
    const waiting = session.waitForGuest().catch((e: unknown) => e);
    expect(((await waiting) as TransportError).code).toBe(TransportErrorCode.EXPIRED);
    const late = await createGuestClient({ url: current.url, number: session.number }).catch((e: unknown) => e);
    expect((late as RelayRejectedError).code).toBe(TransportErrorCode.EXPIRED);
    await waitFor(() => auditRecords(current!.audit).some((r) => r.type === 'session-ended'));
    expect(auditRecords(current.audit).find((r) => r.type === 'session-ended')?.reason).toBe('expired');
  });

  it('lets only a handful of 1 000 wrong joins from one address reach the registry', async () => {
    // A still clock: how many get through must not depend on how long a busy machine takes.
    current = await startRelay({ maxConnectionsPerIp: 50, rateLimiter: createJoinRateLimiter({ clock: () => 0 }) });
    const codes = new Map<string, number>();
    let retryAfter = 0;
    const attempt = async (i: number) => {
      const number = String(10_000_000 + i * 7919).slice(0, 8);
      const error = (await createGuestClient({ url: current!.url, number }).catch(
        (e: unknown) => e,
      )) as RelayRejectedError;
      codes.set(error.code, (codes.get(error.code) ?? 0) + 1);
      if (error.retryAfterMs) retryAfter = Math.max(retryAfter, error.retryAfterMs);
    };
    for (let i = 0; i < 1000; i += 20) await Promise.all(Array.from({ length: 20 }, (_, k) => attempt(i + k)));
    const reachedRegistry = 1000 - (codes.get(TransportErrorCode.RATE_LIMITED) ?? 0);
    console.log(`1000 wrong joins: ${reachedRegistry} reached the registry, the rest were rate limited`, codes);
    expect(reachedRegistry).toBeGreaterThanOrEqual(1);
    expect(reachedRegistry).toBeLessThanOrEqual(10);
    expect(retryAfter).toBeGreaterThan(0);
    expect(auditRecords(current.audit).filter((r) => r.type === 'join-refused')).toHaveLength(1000);
  });

  it('closes a session whose peer sends an oversized message; other sessions keep working', async () => {
    current = await startRelay({ maxMessageBytes: 64 * 1024 });
    const bad = await pairedRaw(current.url);
    const good = await pairedRaw(current.url);
    bad.guest.socket.send(new Uint8Array(100 * 1024));
    expect(await bad.guest.closed).toBe(1009);
    expect(await bad.agent.closed).toBe(4016);
    expect(bad.agent.texts.at(-1)).toEqual({ type: 'end', reason: 'protocol-error' });
    const got = new Promise<Buffer>((resolve) => good.agent.socket.once('message', (data) => resolve(data as Buffer)));
    good.guest.socket.send(new Uint8Array([1, 2, 3]));
    expect([...(await got)]).toEqual([1, 2, 3]);
  });

  it('closes a session whose peer sends malformed control messages with a typed close code', async () => {
    current = await startRelay();
    for (const junk of ['{not json', '{"type":"join","number":"1"}', '{"type":"end","reason":"nope"}', '[]']) {
      const { agent, guest } = await pairedRaw(current.url);
      guest.socket.send(junk);
      const code = await guest.closed;
      expect([4006, 4007]).toContain(code);
      expect(await agent.closed).toBe(4016);
    }
    const fresh = await pairedRaw(current.url);
    expect(fresh.guest.texts[0]?.type).toBe('paired');
  });

  it('rejects a peer that speaks another protocol version, binary before pairing, or nothing at all', async () => {
    // Long enough that a busy machine cannot time out the binary peer before it sends.
    current = await startRelay({ helloTimeoutMs: 2_000 });
    const old = await rawPeer(current.url, 'fernhilfe-relay.0');
    expect(await old.closed).toBe(4008);
    expect(old.texts[0]).toEqual({ type: 'error', code: 'unsupported-version' });
    const binary = await rawPeer(current.url);
    binary.socket.send(new Uint8Array([1]));
    expect(await binary.closed).toBe(4007);
    const silent = await rawPeer(current.url);
    expect(await silent.closed).toBe(4018);
  });

  it('limits connections per address (HTTP 429 → TOO_MANY_CONNECTIONS)', async () => {
    current = await startRelay({ maxConnectionsPerIp: 2 });
    const a = await rawPeer(current.url);
    const b = await rawPeer(current.url);
    const third = await createAgentClient({ url: current.url, token: AGENT_TOKEN }).catch((e: unknown) => e);
    expect((third as TransportError).code).toBe(TransportErrorCode.TOO_MANY_CONNECTIONS);
    a.socket.close();
    b.socket.close();
    await waitFor(() => current!.relay.stats().connections === 0);
    await createAgentClient({ url: current.url, token: AGENT_TOKEN });
  });

  it('ends live and waiting sessions with relay-shutdown on close and writes the audit trail', async () => {
    current = await startRelay({ rateLimiter: createJoinRateLimiter() });
    const session = await createAgentClient({ url: current.url, token: AGENT_TOKEN });
    const guest = await createGuestClient({ url: current.url, number: session.number });
    const waiting = await createAgentClient({ url: current.url, token: AGENT_TOKEN });
    const waitingResult = waiting.waitForGuest().catch((e: unknown) => e);
    await current.relay.close();
    expect((await guest.ended).reason).toBe('relay-shutdown');
    expect(((await waitingResult) as TransportError).code).toBe(TransportErrorCode.RELAY_SHUTDOWN);
    const ended = auditRecords(current.audit).filter((r) => r.type === 'session-ended');
    expect(ended.map((r) => r.reason).sort()).toEqual(['relay-shutdown', 'relay-shutdown']);
  });
});

describe('the relay clock', () => {
  it('dates the audit records and drives the default registry: a number expires when the clock says so', async () => {
    const start = Date.UTC(2030, 0, 2, 3, 4, 5);
    let now = start;
    current = await startRelay({ clock: () => now, expirySweepMs: 50 });
    const session = await createAgentClient({ url: current.url, token: AGENT_TOKEN });
    expect(session.expiresAt).toBe(start + 600_000);
    const waiting = session.waitForGuest().catch((error: unknown) => error);

    // Real time passes (sweeps run), the relay's clock stands still: the number stays valid.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(current.relay.stats().waitingSessions).toBe(1);

    now = start + 600_000;
    expect(((await waiting) as TransportError).code).toBe(TransportErrorCode.EXPIRED);
    const audit = current.audit;
    await waitFor(() => auditRecords(audit).some((record) => record.type === 'session-ended'));
    expect(auditRecords(audit).map((record) => [record.type, record.at])).toEqual([
      ['session-created', new Date(start).toISOString()],
      ['session-ended', new Date(start + 600_000).toISOString()],
    ]);
  });
});
