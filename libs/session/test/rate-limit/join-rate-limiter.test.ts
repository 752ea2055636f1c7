import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createJoinRateLimiter, SessionError } from '../../src/index';

function fakeClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const roomy = { attemptsPerSecond: 1e6, attemptBurst: 1e6, failuresPerMinute: 1e6, failureBurst: 1e6 };

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

  it('limits attempts and failures globally across IPs', () => {
    const clock = fakeClock();
    const limiter = createJoinRateLimiter({
      clock: clock.now,
      global: { attemptsPerSecond: 1, attemptBurst: 2, failuresPerMinute: 60, failureBurst: 1e6 },
    });
    expect(limiter.check('192.0.2.1').allowed).toBe(true);
    expect(limiter.check('192.0.2.2').allowed).toBe(true);
    expect(limiter.check('192.0.2.3')).toEqual({ allowed: false, reason: 'global-rate', retryAfterMs: 1_000 });
    clock.advance(1_000);
    expect(limiter.check('192.0.2.3').allowed).toBe(true);

    const failing = createJoinRateLimiter({
      clock: clock.now,
      global: { failuresPerMinute: 60, failureBurst: 3, attemptsPerSecond: 1e6, attemptBurst: 1e6 },
    });
    for (let i = 0; i < 3; i++) failing.recordFailure(`198.51.100.${i}`);
    expect(failing.check('203.0.113.1')).toEqual({ allowed: false, reason: 'global-failures', retryAfterMs: 1_000 });
  });

  it('bounds its memory by evicting the least recently seen IP', () => {
    const limiter = createJoinRateLimiter({ maxTrackedIps: 100, perIp: { freeFailures: 0 }, global: roomy });
    for (let i = 0; i < 1_000; i++) limiter.recordFailure(`10.0.${i >> 8}.${i & 255}`);
    expect(limiter.trackedIps).toBe(100);
    expect(limiter.check('10.0.3.231').allowed).toBe(false);
    expect(limiter.check('10.0.0.0').allowed).toBe(true);
  });

  it('rejects nonsense figures with a typed error', () => {
    expect(() => createJoinRateLimiter({ perIp: { baseDelayMs: -1 } })).toThrow(SessionError);
    expect(() => createJoinRateLimiter({ global: { attemptsPerSecond: Number.NaN } })).toThrow(SessionError);
  });
});
