import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMemoryRegistry, isValidSessionNumber, SessionErrorCode } from '../../src/index';

const agent = { id: 'agent-1', org: 'Stadtwerke' };

function fakeClock(start = 1_700_000_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('createMemoryRegistry', () => {
  it('creates waiting sessions with valid, distinct numbers and unguessable ids', async () => {
    const registry = createMemoryRegistry();
    const a = await registry.create({ agent });
    const b = await registry.create({ agent });
    expect(a.state).toBe('waiting');
    expect(isValidSessionNumber(a.number)).toBe(true);
    expect(a.number).not.toBe(b.number);
    expect(a.id).toMatch(/^[0-9a-f]{32}$/);
    expect(await registry.get(a.id)).toEqual(a);
    expect((await registry.listLive()).map((s) => s.id)).toEqual([a.id, b.id]);
  });

  it('lets a number be claimed once, then says taken', async () => {
    const registry = createMemoryRegistry();
    const session = await registry.create({ agent });
    const first = await registry.claimByNumber(session.number);
    expect(first.ok && first.session.state).toBe('joined');
    expect(await registry.claimByNumber(session.number)).toEqual({ ok: false, reason: 'taken' });
    expect(await registry.claimByNumber('00000000')).toEqual({ ok: false, reason: 'unknown' });
  });

  it('grants exactly one of many concurrent claims', async () => {
    const registry = createMemoryRegistry();
    const session = await registry.create({ agent });
    const results = await Promise.all(Array.from({ length: 20 }, () => registry.claimByNumber(session.number)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it('expires waiting numbers after 10 minutes, even before expire() runs', async () => {
    const clock = fakeClock();
    const registry = createMemoryRegistry({ clock: clock.now });
    const late = await registry.create({ agent });
    const swept = await registry.create({ agent });
    clock.advance(600_000);
    expect(await registry.claimByNumber(late.number)).toEqual({ ok: false, reason: 'expired' });
    const expired = await registry.expire();
    expect(expired.map((s) => s.id)).toEqual([swept.id]);
    expect(expired[0]!.endReason).toBe('expired');
    expect(await registry.listLive()).toEqual([]);
  });

  it('ends sessions idempotently (first reason wins) and keeps their numbers retired for 24 h', async () => {
    const clock = fakeClock();
    const registry = createMemoryRegistry({ clock: clock.now });
    const session = await registry.create({ agent });
    await registry.claimByNumber(session.number);
    expect((await registry.end(session.id, 'agent-ended'))?.endReason).toBe('agent-ended');
    expect((await registry.end(session.id, 'guest-ended'))?.endReason).toBe('agent-ended');
    expect(await registry.end('nope', 'agent-ended')).toBeUndefined();
    clock.advance(86_400_000 - 1);
    await registry.expire();
    expect(await registry.claimByNumber(session.number)).toEqual({ ok: false, reason: 'taken' });
    clock.advance(1);
    await registry.expire();
    expect(await registry.claimByNumber(session.number)).toEqual({ ok: false, reason: 'unknown' });
    expect(await registry.get(session.id)).toBeUndefined();
  });

  it('never issues a live or retired number', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 40 }), async (draws) => {
        // A tiny random space (10 payloads) forces collisions.
        let i = 0;
        const random = (array: Uint32Array) => {
          for (let k = 0; k < array.length; k++) array[k] = draws[i++ % draws.length]! + 10 * (i % 10);
        };
        const clock = fakeClock();
        const registry = createMemoryRegistry({ clock: clock.now, random });
        const issued = new Set<string>();
        for (let n = 0; n < 8; n++) {
          try {
            const session = await registry.create({ agent });
            expect(issued.has(session.number)).toBe(false);
            issued.add(session.number);
            if (n % 2 === 0) await registry.end(session.id, 'agent-ended');
          } catch (error) {
            expect(error).toMatchObject({ code: SessionErrorCode.NUMBER_SPACE_EXHAUSTED });
          }
        }
      }),
    );
  });

  it('refuses new sessions beyond maxLiveSessions', async () => {
    const registry = createMemoryRegistry({ maxLiveSessions: 1 });
    const first = await registry.create({ agent });
    await expect(registry.create({ agent })).rejects.toMatchObject({ code: SessionErrorCode.REGISTRY_FULL });
    await registry.end(first.id, 'agent-ended');
    await expect(registry.create({ agent })).resolves.toMatchObject({ state: 'waiting' });
  });

  it('rejects unknown end reasons with a typed error', async () => {
    const registry = createMemoryRegistry();
    const session = await registry.create({ agent });
    await expect(registry.end(session.id, 'bored' as never)).rejects.toMatchObject({
      code: SessionErrorCode.INVALID_ARGUMENT,
    });
  });
});
