import { createJoinRateLimiter, dammCheckDigit } from '@fernhilfe/session';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { RELAY_SUBPROTOCOL } from '../src/index';
import { AGENT_TOKEN, startRelay, type TestRelay } from './helpers';

// The relay trusts X-Forwarded-For from loopback here, so one test process appears as many
// client addresses; everything else is the real relay on real loopback WebSockets.
let current: TestRelay | undefined;
let notices: string[] = [];
afterEach(async () => {
  await current?.relay.close();
  current = undefined;
  notices = [];
});

async function start(options: Parameters<typeof startRelay>[0] = {}) {
  current = await startRelay({ trustedProxies: ['127.0.0.1'], onNotice: (line) => notices.push(line), ...options });
  return current;
}

type Reply = { type: string; code?: string; retryAfterMs?: number; number?: string };

/** Opens a connection that appears to come from `address`, sends `message`, returns the first reply. */
async function attempt(
  address: string,
  message: object,
  keepOpen = false,
): Promise<{ reply: Reply; socket: WebSocket }> {
  const socket = new WebSocket(current!.url, RELAY_SUBPROTOCOL, {
    perMessageDeflate: false,
    headers: { 'x-forwarded-for': address },
  });
  socket.on('error', () => undefined);
  const reply = await new Promise<Reply>((resolve, reject) => {
    socket.once('message', (data) => resolve(JSON.parse(data.toString()) as Reply));
    socket.once('close', (code) => reject(new Error(`closed ${code} before a reply`)));
    socket.once('open', () => socket.send(JSON.stringify(message)));
  });
  if (!keepOpen) socket.close();
  return { reply, socket };
}

/** A waiting session: the agent's socket stays open so its number stays live. */
async function liveNumber(): Promise<string> {
  const { reply } = await attempt('192.0.2.250', { type: 'create', token: AGENT_TOKEN }, true);
  expect(reply.type).toBe('created');
  return reply.number as string;
}

/** A number with a valid check digit that is not `live`. */
function wrongNumber(i: number, live: string): string {
  const digits = String(1_000_000 + ((i * 7_919) % 8_999_999)).padStart(7, '0');
  const number = `${digits}${dammCheckDigit(digits)}`;
  return number === live ? wrongNumber(i + 1, live) : number;
}

/** Sends wrong joins from `addresses` (each once per round), 16 at a time; returns the reply codes. */
async function guess(addresses: string[], rounds: number, live: string): Promise<Map<string, number>> {
  const codes = new Map<string, number>();
  const jobs = addresses.flatMap((address, a) =>
    Array.from({ length: rounds }, (_, r) => ({ address, number: wrongNumber(a * rounds + r, live) })),
  );
  for (let i = 0; i < jobs.length; i += 16) {
    const replies = await Promise.all(
      jobs.slice(i, i + 16).map(({ address, number }) => attempt(address, { type: 'join', number })),
    );
    for (const { reply } of replies)
      codes.set(reply.code ?? reply.type, (codes.get(reply.code ?? reply.type) ?? 0) + 1);
  }
  return codes;
}

describe('relay under a guessing attack', () => {
  it('lets a customer with a live number in after 400 wrong joins from 100 addresses', async () => {
    // The default budget of 300 failures, refilled so slowly that a slow machine still empties it.
    await start({ rateLimiter: createJoinRateLimiter({ global: { failuresPerMinute: 1 } }) });
    const live = await liveNumber();
    const attackers = Array.from({ length: 100 }, (_, i) => `100.64.${i}.1`);
    const codes = await guess(attackers, 4, live);
    expect(current!.relay.stats().rateLimits.joins).toMatchObject({ wave: true, wavesStarted: 1 });
    expect(codes.get('rate-limited')).toBeGreaterThan(0);
    expect(notices.some((line) => line.startsWith('guessing wave on joins started'))).toBe(true);

    const { reply } = await attempt('192.0.2.50', { type: 'join', number: live });
    expect(reply.type).toBe('paired');
  });

  it('aggregates one IPv6 /56 spread over 256 /64s into its /48; a customer elsewhere gets in', async () => {
    await start();
    const live = await liveNumber();
    const attackers = Array.from({ length: 256 }, (_, i) => `2001:db8:aa:12${i.toString(16).padStart(2, '0')}::1`);
    const codes = await guess(attackers, 2, live);
    // The /48's 30 free failures, then its delays: most wrong joins never reach the registry.
    expect(codes.get('rate-limited')).toBeGreaterThan(400);
    const sameNetwork = await attempt('2001:db8:aa:ffff::1', { type: 'join', number: live });
    expect(sameNetwork.reply.code).toBe('rate-limited');

    const { reply } = await attempt('2001:db8:bb::1', { type: 'join', number: live });
    expect(reply.type).toBe('paired');
  });

  it('keeps agent-token failures on a budget of their own: a mistyped token behind a NAT never blocks a customer', async () => {
    // Delays long enough that the sixth attempt is refused however slow the machine is.
    await start({ agentRateLimiter: createJoinRateLimiter({ perIp: { baseDelayMs: 600_000 } }) });
    const live = await liveNumber();
    const nat = '203.0.113.9';
    const replies: Reply[] = [];
    for (let i = 0; i < 6; i++)
      replies.push((await attempt(nat, { type: 'create', token: `wrong-token-${i}-xxxxxxxx` })).reply);
    expect(replies.slice(0, 4).map((reply) => reply.code)).toEqual([
      'unauthorized',
      'unauthorized',
      'unauthorized',
      'unauthorized',
    ]);
    expect(replies[4]).toMatchObject({ code: 'rate-limited' });
    expect(replies[4]!.retryAfterMs).toBeGreaterThan(0);
    expect(current!.relay.stats().rateLimits.agentTokens.failures.unauthorized).toBe(4);

    const { reply } = await attempt(nat, { type: 'join', number: live });
    expect(reply.type).toBe('paired');
  });

  it('keeps a locked-out address locked through a flood of fresh networks, and tells it nothing about numbers', async () => {
    await start({
      rateLimiter: createJoinRateLimiter({
        // A still clock: the lockout must not depend on how fast a busy machine sends the guesses.
        clock: () => 0,
        maxTrackedIps: 50,
        maxTrackedPrefixes: 50,
        perIp: { freeFailures: 1, lockoutAfterFailures: 2 },
        global: { failureBurst: 1e6 },
      }),
    });
    const live = await liveNumber();
    const locked = '198.18.0.7';
    await guess([locked], 2, live);
    const flood = Array.from({ length: 300 }, (_, i) => `2001:db8:${(0x100 + i).toString(16)}::1`);
    await guess(flood, 1, live);
    expect(current!.relay.stats().rateLimits.joins.trackedIps).toBeLessThanOrEqual(50);

    const withLive = await attempt(locked, { type: 'join', number: live });
    const withWrong = await attempt(locked, { type: 'join', number: wrongNumber(1, live) });
    expect(withLive.reply.code).toBe('rate-limited');
    expect(withWrong.reply.code).toBe('rate-limited');
    expect(Object.keys(withLive.reply).sort()).toEqual(Object.keys(withWrong.reply).sort());

    const { reply } = await attempt('192.0.2.50', { type: 'join', number: live });
    expect(reply.type).toBe('paired');
  });
});
