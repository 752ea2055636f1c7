import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createJoinRateLimiter, SessionError } from '../../src/index';

function fakeClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const roomy = { failuresPerMinute: 1e6, failureBurst: 1e6 };

describe('createJoinRateLimiter', () => {
  it('allows free failures, then doubles the delay up to the cap, then locks out', () => {
    const clock = fakeClock();
    const limiter = createJoinRateLimiter({
      clock: clock.now,
      perIp: { freeFailures: 2, baseDelayMs: 1_000, maxDelayMs: 8_000, lockoutAfterFailures: 8, lockoutMs: 60_000 },
      global: roomy,
    });
    const ip = '198.51.100.7';
    const delays: number[] = [];
    for (let i = 0; i < 8; i++) {
      expect(limiter.check(ip)).toEqual({ allowed: true });
      delays.push(limiter.recordFailure(ip));
      clock.advance(delays.at(-1)!);
    }
    expect(delays).toEqual([0, 0, 1_000, 2_000, 4_000, 8_000, 8_000, 60_000]);
    clock.advance(-1);
    expect(limiter.check(ip)).toMatchObject({ allowed: false, reason: 'ip-lockout', retryAfterMs: 1 });
  });

  it('reports the remaining delay while an IP must wait', () => {
    const clock = fakeClock();
    const limiter = createJoinRateLimiter({ clock: clock.now, perIp: { freeFailures: 0 }, global: roomy });
    limiter.recordFailure('203.0.113.9');
    clock.advance(400);
    expect(limiter.check('203.0.113.9')).toEqual({ allowed: false, reason: 'ip-delay', retryAfterMs: 600 });
  });

  it('groups IPv6 by /64 and IPv4-mapped IPv6 with IPv4', () => {
    const limiter = createJoinRateLimiter({ perIp: { freeFailures: 0 }, global: roomy });
    limiter.recordFailure('2001:db8:1:2::1');
    expect(limiter.check('2001:db8:1:2:ffff::9').allowed).toBe(false);
    expect(limiter.check('2001:db8:1:3::1').allowed).toBe(true);
    limiter.recordFailure('::ffff:192.0.2.5');
    expect(limiter.check('192.0.2.5').allowed).toBe(false);
  });

  it('a success from one IP never lifts another IP’s penalty (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('a', 'b'), fc.boolean()), { maxLength: 40 }),
        fc.boolean(),
        (events, forgiveOnSuccess) => {
          const clock = fakeClock();
          const limiter = createJoinRateLimiter({ clock: clock.now, perIp: { forgiveOnSuccess }, global: roomy });
          const ips = { a: '192.0.2.1', b: '192.0.2.2' };
          const reference = createJoinRateLimiter({ clock: clock.now, perIp: { forgiveOnSuccess }, global: roomy });
          for (const [who, ok] of events) {
            if (ok) limiter.recordSuccess(ips[who]);
            else limiter.recordFailure(ips[who]);
            // The reference sees only b's events: a's successes must not change b's verdict.
            if (who === 'b') {
              if (ok) reference.recordSuccess(ips.b);
              else reference.recordFailure(ips.b);
            }
          }
          expect(limiter.check(ips.b)).toEqual(reference.check(ips.b));
        },
      ),
    );
  });

  it('keeps a penalty through successes unless forgiveOnSuccess is set', () => {
    const strict = createJoinRateLimiter({ perIp: { freeFailures: 0 }, global: roomy });
    strict.recordFailure('192.0.2.1');
    strict.recordSuccess('192.0.2.1');
    expect(strict.check('192.0.2.1').allowed).toBe(false);
    const lenient = createJoinRateLimiter({ perIp: { freeFailures: 0, forgiveOnSuccess: true }, global: roomy });
    lenient.recordFailure('192.0.2.1');
    lenient.recordSuccess('192.0.2.1');
    expect(lenient.check('192.0.2.1').allowed).toBe(true);
  });

  it('forgets failures after a quiet period', () => {
    const clock = fakeClock();
    const limiter = createJoinRateLimiter({
      clock: clock.now,
      perIp: { freeFailures: 1, forgetAfterMs: 10_000 },
      global: roomy,
    });
    expect(limiter.recordFailure('192.0.2.1')).toBe(0);
    clock.advance(10_000);
    expect(limiter.recordFailure('192.0.2.1')).toBe(0);
    expect(limiter.recordFailure('192.0.2.1')).toBeGreaterThan(0);
  });

  it('has no global attempts cap: 10 000 attempts from different addresses in one instant all go ahead', () => {
    const limiter = createJoinRateLimiter({ clock: () => 0 });
    for (let i = 0; i < 10_000; i++) {
      expect(limiter.check(`10.${i >> 8}.${i & 255}.1`).allowed).toBe(true);
    }
  });

  it('never refuses a clean address for strangers’ failures: a wave only makes failures cost more', () => {
    const clock = fakeClock();
    const limiter = createJoinRateLimiter({ clock: clock.now });
    // 100 addresses in 100 different /24s, 4 wrong numbers each: 400 failures empty the budget of 300.
    for (let i = 0; i < 100; i++) for (let k = 0; k < 4; k++) limiter.recordFailure(`198.${i}.0.1`);
    expect(limiter.wave).toBe(true);
    expect(limiter.check('192.0.2.1')).toEqual({ allowed: true });
    expect(limiter.check('2001:db8:ffff::1')).toEqual({ allowed: true });
    // During the wave one failure is free (not three), and the delay after it is four times longer.
    expect(limiter.recordFailure('203.0.113.5')).toBe(0);
    expect(limiter.recordFailure('203.0.113.5')).toBe(4_000);
    expect(limiter.stats()).toMatchObject({ wave: true, wavesStarted: 1 });
  });

  it('ends a wave once the budget has refilled to half, and not before minWaveMs', () => {
    const clock = fakeClock();
    const limiter = createJoinRateLimiter({
      clock: clock.now,
      global: { failureBurst: 10, failuresPerMinute: 60, minWaveMs: 60_000 },
    });
    for (let i = 0; i < 10; i++) limiter.recordFailure(`198.${i}.0.1`);
    expect(limiter.wave).toBe(true);
    clock.advance(4_000);
    expect(limiter.wave).toBe(true);
    clock.advance(56_000);
    expect(limiter.wave).toBe(false);
    expect(limiter.stats()).toMatchObject({ wave: false, wavesStarted: 1 });
  });

  it('aggregates IPv4 by /24 and IPv6 by /48: fresh addresses of a guessing network meet one budget', () => {
    const limiter = createJoinRateLimiter({ global: roomy });
    for (let i = 0; i < 40; i++) limiter.recordFailure(`198.51.100.${i}`);
    expect(limiter.check('198.51.100.200')).toMatchObject({ allowed: false, reason: 'prefix-delay' });
    expect(limiter.check('198.51.101.1').allowed).toBe(true);
    // One /56 spread over 40 /64s: every /64 is fresh, their /48 is not.
    for (let i = 0; i < 40; i++) limiter.recordFailure(`2001:db8:7:${(0x100 + i).toString(16)}::1`);
    expect(limiter.check('2001:db8:7:1ff::1')).toMatchObject({ allowed: false, reason: 'prefix-delay' });
    expect(limiter.check('2001:db8:8::1').allowed).toBe(true);
  });

  it('a flood of fresh networks never evicts a penalised address, and memory stays bounded', () => {
    const clock = fakeClock();
    const limiter = createJoinRateLimiter({
      clock: clock.now,
      maxTrackedIps: 100,
      maxTrackedPrefixes: 100,
      perIp: { freeFailures: 0, lockoutAfterFailures: 3, lockoutMs: 3_600_000 },
      global: roomy,
    });
    for (let i = 0; i < 3; i++) limiter.recordFailure('203.0.113.7');
    for (let i = 0; i < 10_000; i++) {
      limiter.recordFailure(`2001:db8:${i.toString(16)}::1`);
      clock.advance(10);
    }
    expect(limiter.check('203.0.113.7')).toMatchObject({ allowed: false, reason: 'ip-lockout' });
    const stats = limiter.stats();
    expect(stats.trackedIps).toBeLessThanOrEqual(100);
    expect(stats.trackedPrefixes).toBeLessThanOrEqual(100);
    expect(stats.untrackedFailures).toBeGreaterThan(0);
  });

  it('makes room by forgetting entries whose failures no longer matter', () => {
    const limiter = createJoinRateLimiter({ maxTrackedIps: 10, perIp: { freeFailures: 2 }, global: roomy });
    for (let i = 0; i < 10; i++) limiter.recordFailure(`10.${i}.0.1`);
    limiter.recordFailure('192.0.2.9');
    limiter.recordFailure('192.0.2.9');
    expect(limiter.recordFailure('192.0.2.9')).toBe(1_000);
    expect(limiter.trackedIps).toBe(10);
    expect(limiter.stats().untrackedFailures).toBe(0);
  });

  it('counts failures by reason and refusals by rule', () => {
    const limiter = createJoinRateLimiter({ perIp: { freeFailures: 0 }, global: roomy });
    limiter.recordFailure('192.0.2.1', 'unknown');
    limiter.recordFailure('192.0.2.2', 'malformed');
    limiter.recordFailure('192.0.2.3', 'unauthorized');
    limiter.recordFailure('192.0.2.4');
    limiter.check('192.0.2.1');
    const stats = limiter.stats();
    expect(stats.failures).toEqual({ unknown: 2, expired: 0, taken: 0, malformed: 1, unauthorized: 1 });
    expect(stats.refusals).toEqual({ 'ip-delay': 1, 'ip-lockout': 0, 'prefix-delay': 0, 'prefix-lockout': 0 });
    expect(stats).toMatchObject({ wave: false, wavesStarted: 0, trackedIps: 4, trackedPrefixes: 1 });
  });

  it('rejects nonsense figures with a typed error', () => {
    expect(() => createJoinRateLimiter({ perIp: { baseDelayMs: -1 } })).toThrow(SessionError);
    expect(() => createJoinRateLimiter({ global: { failuresPerMinute: Number.NaN } })).toThrow(SessionError);
    expect(() => createJoinRateLimiter({ perPrefix: { freeFailures: Number.POSITIVE_INFINITY } })).toThrow(
      SessionError,
    );
    expect(() => createJoinRateLimiter({ maxTrackedPrefixes: -1 })).toThrow(SessionError);
  });
});
