import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createJoinRateLimiter, type JoinFailureReason } from '../../src/index';

/** Addresses of strangers: IPv4 in 10.0.0.0/8, IPv6 in 2001:db8::/32; never in the networks of the addresses under test. */
const stranger = fc.oneof(
  fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255)).map(([a, b, c]) => `10.${a}.${b}.${c}`),
  fc.tuple(fc.nat(0xffff), fc.nat(0xffff)).map(([a, b]) => `2001:db8:${a.toString(16)}:${b.toString(16)}::1`),
);
const reason = fc.constantFrom<JoinFailureReason>('unknown', 'expired', 'taken', 'malformed', 'unauthorized');
/** One step of strangers' activity: a failure, a success or a check, after some time passes. */
const step = fc.record({
  address: stranger,
  kind: fc.constantFrom('failure', 'failure', 'failure', 'success', 'check'),
  reason,
  waitMs: fc.oneof(fc.constant(0), fc.nat(2_000), fc.nat(7_200_000)),
});
const small = { maxTrackedIps: 20, maxTrackedPrefixes: 10 };

function run(
  limiter: ReturnType<typeof createJoinRateLimiter>,
  clock: { now: number },
  steps: Array<typeof step extends fc.Arbitrary<infer T> ? T : never>,
  afterEach?: () => void,
) {
  for (const { address, kind, reason: why, waitMs } of steps) {
    clock.now += waitMs;
    if (kind === 'failure') limiter.recordFailure(address, why);
    else if (kind === 'success') limiter.recordSuccess(address);
    else limiter.check(address);
    afterEach?.();
  }
}

describe('join rate limiter properties', () => {
  it('keeps at most maxTrackedIps addresses and maxTrackedPrefixes networks, whatever arrives', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 300 }), (steps) => {
        const clock = { now: 0 };
        const limiter = createJoinRateLimiter({ clock: () => clock.now, ...small, global: { failureBurst: 5 } });
        run(limiter, clock, steps, () => {
          const stats = limiter.stats();
          expect(stats.trackedIps).toBeLessThanOrEqual(small.maxTrackedIps);
          expect(stats.trackedPrefixes).toBeLessThanOrEqual(small.maxTrackedPrefixes);
        });
      }),
    );
  });

  it('never refuses an address whose own address and network have no failures', () => {
    fc.assert(
      fc.property(
        fc.array(step, { maxLength: 300 }),
        fc.constantFrom('192.0.2.1', '2001:db9::1', '::ffff:198.51.100.4'),
        fc.boolean(),
        (steps, customer, tight) => {
          const clock = { now: 0 };
          const limiter = createJoinRateLimiter({
            clock: () => clock.now,
            ...(tight ? small : {}),
            global: { failureBurst: tight ? 3 : 300 },
          });
          run(limiter, clock, steps, () => expect(limiter.check(customer)).toEqual({ allowed: true }));
        },
      ),
    );
  });

  it('never clears an address’s own penalty because of others’ activity', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 25 }),
        fc.array(step, { minLength: 10, maxLength: 300 }),
        (ownFailures, steps) => {
          const clock = { now: 0 };
          const options = {
            clock: () => clock.now,
            maxTrackedIps: 4,
            maxTrackedPrefixes: 4,
            global: { failureBurst: 1e9 },
          };
          const shared = createJoinRateLimiter(options);
          const alone = createJoinRateLimiter(options);
          const own = '192.0.2.1';
          for (let i = 0; i < ownFailures; i++) {
            shared.recordFailure(own);
            alone.recordFailure(own);
          }
          // Looked at only at the end: a check in between would be activity of the address itself.
          run(shared, clock, steps);
          expect(shared.check(own)).toEqual(alone.check(own));
        },
      ),
    );
  });
});
