import { SessionError, SessionErrorCode } from '../errors';
import { ipRateLimitKey } from './ip-key';
import { createTokenBucket } from './token-bucket';

/** Per-IP penalty policy. An IP here means an IPv4 address or an IPv6 /64 (see {@link ipRateLimitKey}). */
export interface PerIpPolicy {
  /** Failed joins an IP may make before any delay. @default 3 */
  freeFailures?: number;
  /** Delay after the first failure past the free ones; doubles with each further failure. @default 1_000 */
  baseDelayMs?: number;
  /** Cap of the growing delay. @default 300_000 (5 min) */
  maxDelayMs?: number;
  /** Failures (within `forgetAfterMs`) after which the IP is locked out. @default 20 */
  lockoutAfterFailures?: number;
  /** Length of a lockout. @default 3_600_000 (1 h) */
  lockoutMs?: number;
  /** Quiet time after the last failure after which an IP's failure count starts from zero again. @default 3_600_000 (1 h) */
  forgetAfterMs?: number;
  /** Whether a successful join clears that IP's failure count (not a lockout). @default false */
  forgiveOnSuccess?: boolean;
}

/** Global policy: limits over all IPs together, against distributed guessing. */
export interface GlobalPolicy {
  /** Join attempts per second accepted over all IPs. @default 50 */
  attemptsPerSecond?: number;
  /** Burst of join attempts. @default 200 */
  attemptBurst?: number;
  /** Failed joins per minute tolerated over all IPs before everyone is slowed down. @default 120 */
  failuresPerMinute?: number;
  /** Burst of failed joins. @default 300 */
  failureBurst?: number;
}

/** Options of {@link createJoinRateLimiter}. */
export interface JoinRateLimiterOptions {
  /** Clock in milliseconds. @default Date.now */
  clock?: () => number;
  /** Per-IP policy. */
  perIp?: PerIpPolicy;
  /** Global policy. */
  global?: GlobalPolicy;
  /** Most IPs tracked at once; the least recently seen is forgotten beyond it. @default 10_000 */
  maxTrackedIps?: number;
}

/** Why a join attempt must wait. */
export type JoinDenial = 'ip-delay' | 'ip-lockout' | 'global-rate' | 'global-failures';

/** The attempt may go ahead. */
export interface JoinAllowed {
  /** Always `true`. */
  allowed: true;
}

/** The attempt must wait. */
export interface JoinDenied {
  /** Always `false`. */
  allowed: false;
  /** Which rule denied it. */
  reason: JoinDenial;
  /** Milliseconds until an attempt may be allowed (send as `Retry-After`). */
  retryAfterMs: number;
}

/** Outcome of {@link JoinRateLimiter.check}. */
export type JoinDecision = JoinAllowed | JoinDenied;

/** Join rate limiting: ask before each join attempt, report its outcome after. */
export interface JoinRateLimiter {
  /**
   * Asks whether `address` may attempt a join now. An allowed attempt takes a global token.
   * @param address - peer address
   * @returns allowed, or the reason and how long to wait
   */
  check(address: string): JoinDecision;
  /**
   * Records a failed join (unknown, expired or taken number) from `address`.
   * @param address - peer address
   * @returns the delay in ms before this IP may try again (0 while failures are free)
   */
  recordFailure(address: string): number;
  /**
   * Records a successful join from `address`. It never touches any other IP's penalty.
   * @param address - peer address
   */
  recordSuccess(address: string): void;
  /** Number of IP keys currently tracked (bounded by `maxTrackedIps`). */
  readonly trackedIps: number;
}

interface IpState {
  failures: number;
  lastFailureAt: number;
  nextAllowedAt: number;
  lockedUntil: number;
}

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new SessionError(SessionErrorCode.INVALID_ARGUMENT, `${name} must be a finite number ≥ 0`);
  }
  return value;
}

/**
 * Creates the join rate limiter: per IP (IPv6 per /64) with free failures, then an
 * exponentially growing delay and finally a lockout; globally a token bucket on attempts and
 * one on failures. Pure logic with an injectable clock; memory bounded by `maxTrackedIps`.
 *
 * @param options - see {@link JoinRateLimiterOptions}
 * @returns a new limiter
 * @throws {@link SessionError} `SESSION_INVALID_ARGUMENT` for negative or non-finite figures
 *
 * @example
 * ```ts
 * const limiter = createJoinRateLimiter();
 * const decision = limiter.check(ip);
 * if (!decision.allowed) return reply(429, decision.retryAfterMs);
 * const claim = await registry.claimByNumber(number);
 * if (claim.ok) limiter.recordSuccess(ip); else limiter.recordFailure(ip);
 * ```
 */
export function createJoinRateLimiter(options: JoinRateLimiterOptions = {}): JoinRateLimiter {
  const clock = options.clock ?? Date.now;
  const ip = options.perIp ?? {};
  const freeFailures = positive(ip.freeFailures ?? 3, 'freeFailures');
  const baseDelayMs = positive(ip.baseDelayMs ?? 1_000, 'baseDelayMs');
  const maxDelayMs = positive(ip.maxDelayMs ?? 300_000, 'maxDelayMs');
  const lockoutAfter = positive(ip.lockoutAfterFailures ?? 20, 'lockoutAfterFailures');
  const lockoutMs = positive(ip.lockoutMs ?? 3_600_000, 'lockoutMs');
  const forgetAfterMs = positive(ip.forgetAfterMs ?? 3_600_000, 'forgetAfterMs');
  const forgiveOnSuccess = ip.forgiveOnSuccess ?? false;
  const global = options.global ?? {};
  const attemptsPerSecond = positive(global.attemptsPerSecond ?? 50, 'attemptsPerSecond');
  const failuresPerMinute = positive(global.failuresPerMinute ?? 120, 'failuresPerMinute');
  const maxTracked = Math.max(1, positive(options.maxTrackedIps ?? 10_000, 'maxTrackedIps'));
  const start = clock();
  const attempts = createTokenBucket(
    positive(global.attemptBurst ?? 200, 'attemptBurst'),
    attemptsPerSecond / 1000,
    start,
  );
  const failures = createTokenBucket(
    positive(global.failureBurst ?? 300, 'failureBurst'),
    failuresPerMinute / 60_000,
    start,
  );
  const ips = new Map<string, IpState>();

  const lookup = (key: string): IpState | undefined => {
    const state = ips.get(key);
    if (state !== undefined) {
      ips.delete(key);
      ips.set(key, state);
    }
    return state;
  };

  const track = (key: string, state: IpState) => {
    ips.set(key, state);
    while (ips.size > maxTracked) {
      const oldest = ips.keys().next().value as string;
      ips.delete(oldest);
    }
  };

  const delayAfter = (count: number): number => {
    if (count <= freeFailures) return 0;
    return Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(64, count - freeFailures - 1));
  };

  return {
    check(address) {
      const now = clock();
      const state = lookup(ipRateLimitKey(address));
      if (state !== undefined && state.lockedUntil > now) {
        return { allowed: false, reason: 'ip-lockout', retryAfterMs: state.lockedUntil - now };
      }
      if (state !== undefined && state.nextAllowedAt > now) {
        return { allowed: false, reason: 'ip-delay', retryAfterMs: state.nextAllowedAt - now };
      }
      const failureWait = failures.waitMs(now);
      if (failureWait > 0) return { allowed: false, reason: 'global-failures', retryAfterMs: failureWait };
      const attemptWait = attempts.take(now);
      if (attemptWait > 0) return { allowed: false, reason: 'global-rate', retryAfterMs: attemptWait };
      return { allowed: true };
    },

    recordFailure(address) {
      const now = clock();
      const key = ipRateLimitKey(address);
      const state = lookup(key) ?? { failures: 0, lastFailureAt: now, nextAllowedAt: 0, lockedUntil: 0 };
      if (now - state.lastFailureAt >= forgetAfterMs) state.failures = 0;
      state.failures++;
      state.lastFailureAt = now;
      state.nextAllowedAt = now + delayAfter(state.failures);
      if (state.failures >= lockoutAfter) state.lockedUntil = Math.max(state.lockedUntil, now + lockoutMs);
      track(key, state);
      failures.drain(now);
      return Math.max(state.nextAllowedAt, state.lockedUntil) - now;
    },

    recordSuccess(address) {
      if (!forgiveOnSuccess) return;
      const state = lookup(ipRateLimitKey(address));
      if (state === undefined) return;
      state.failures = 0;
      state.nextAllowedAt = 0;
    },

    get trackedIps() {
      return ips.size;
    },
  };
}
