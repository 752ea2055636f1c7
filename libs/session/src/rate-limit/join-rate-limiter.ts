import { SessionError, SessionErrorCode } from '../errors';
import { ipPrefixKey, ipRateLimitKey } from './ip-key';
import { type PenaltyPolicy, PenaltyTable, type ResolvedPenaltyPolicy } from './penalty-table';
import { createTokenBucket } from './token-bucket';

export type { PenaltyPolicy } from './penalty-table';

/**
 * Per-address penalty policy. An address here means an IPv4 address or an IPv6 /64 (see
 * {@link ipRateLimitKey}). Defaults: {@link DEFAULT_PER_IP_POLICY}.
 */
export interface PerIpPolicy extends PenaltyPolicy {
  /** Whether a successful attempt clears that address's failure count (not a lockout). @default false */
  forgiveOnSuccess?: boolean;
}

/**
 * Per-network penalty policy: all addresses of one IPv4 /24 or IPv6 /48 (see {@link ipPrefixKey})
 * share it, so an attacker with many addresses of one network meets one budget. Defaults:
 * {@link DEFAULT_PER_PREFIX_POLICY}.
 */
export type PerPrefixPolicy = PenaltyPolicy;

/**
 * Global failure budget. It never refuses anyone: once it is empty a guessing wave is on, and
 * during a wave each failure costs its address and network more.
 */
export interface GlobalPolicy {
  /** Failures per minute over all addresses that the budget refills. @default 120 */
  failuresPerMinute?: number;
  /** Failures the budget holds; when they are used up a guessing wave starts. @default 300 */
  failureBurst?: number;
  /** Factor on the delays (base and cap) during a wave. @default 4 */
  waveDelayFactor?: number;
  /** A wave lasts at least this long; it ends once the budget has refilled to half. @default 60_000 */
  minWaveMs?: number;
}

/** Options of {@link createJoinRateLimiter}. */
export interface JoinRateLimiterOptions {
  /** Clock in milliseconds. @default Date.now */
  clock?: () => number;
  /** Per-address policy. */
  perIp?: PerIpPolicy;
  /** Per-network (/24, /48) policy. */
  perPrefix?: PerPrefixPolicy;
  /** Global failure budget and guessing waves. */
  global?: GlobalPolicy;
  /**
   * Most addresses tracked at once. A full table forgets only entries whose penalty is over and
   * whose count no longer matters; when none is, a new address is not tracked (its network still is).
   * @default 50_000
   */
  maxTrackedIps?: number;
  /** Most networks tracked at once. @default 50_000 */
  maxTrackedPrefixes?: number;
}

/** Why an attempt must wait: the address's or its network's delay or lockout. */
export type JoinDenial = 'ip-delay' | 'ip-lockout' | 'prefix-delay' | 'prefix-lockout';

/** Every {@link JoinDenial}, for counters. */
export const JOIN_DENIALS = [
  'ip-delay',
  'ip-lockout',
  'prefix-delay',
  'prefix-lockout',
] as const satisfies readonly JoinDenial[];

/** What failed: a join's number (`unknown`, `expired`, `taken`, `malformed`) or an agent token (`unauthorized`). */
export type JoinFailureReason = 'unknown' | 'expired' | 'taken' | 'malformed' | 'unauthorized';

/** Every {@link JoinFailureReason}, for counters. */
export const JOIN_FAILURE_REASONS = [
  'unknown',
  'expired',
  'taken',
  'malformed',
  'unauthorized',
] as const satisfies readonly JoinFailureReason[];

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

/** Counters of a limiter since it was created, for logs and `/metrics`. */
export interface JoinRateLimiterStats {
  /** Recorded failures by reason. */
  failures: Record<JoinFailureReason, number>;
  /** Refused attempts by rule. */
  refusals: Record<JoinDenial, number>;
  /** Whether a guessing wave is on now. */
  wave: boolean;
  /** Guessing waves started. */
  wavesStarted: number;
  /** Addresses tracked now (at most `maxTrackedIps`). */
  trackedIps: number;
  /** Networks tracked now (at most `maxTrackedPrefixes`). */
  trackedPrefixes: number;
  /** Failures whose address or network a full table could not track (every entry still mattered). */
  untrackedFailures: number;
}

/** Rate limiting of attempts that guess a secret (session numbers, agent tokens): ask before, report after. */
export interface JoinRateLimiter {
  /**
   * Asks whether `address` may attempt now. Only the address's and its network's own failures
   * can refuse it; other networks' failures and guessing waves never do.
   * @param address - peer address
   * @returns allowed, or the reason and how long to wait
   */
  check(address: string): JoinDecision;
  /**
   * Records a failed attempt from `address`; it costs more while a guessing wave is on.
   * @param address - peer address
   * @param reason - what failed, for the counters @defaultValue `'unknown'`
   * @returns the delay in ms before this address may try again (0 while failures are free)
   */
  recordFailure(address: string, reason?: JoinFailureReason): number;
  /**
   * Records a successful attempt from `address`. It never touches any other address's penalty.
   * @param address - peer address
   */
  recordSuccess(address: string): void;
  /** Whether a guessing wave is on: the global failure budget ran out and has not refilled to half yet. */
  readonly wave: boolean;
  /** Number of address keys currently tracked (bounded by `maxTrackedIps`). */
  readonly trackedIps: number;
  /** @returns the counters since creation */
  stats(): JoinRateLimiterStats;
}

function figure(value: number, name: string): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new SessionError(SessionErrorCode.INVALID_ARGUMENT, `${name} must be a finite number ≥ 0`);
  }
  return value;
}

function resolvePolicy(given: PenaltyPolicy, defaults: ResolvedPenaltyPolicy, level: string): ResolvedPenaltyPolicy {
  const resolved = { ...defaults };
  for (const name of Object.keys(defaults) as Array<keyof ResolvedPenaltyPolicy>) {
    resolved[name] = figure(given[name] ?? defaults[name], `${level}.${name}`);
  }
  return resolved;
}

/**
 * Default per-address policy: 3 free failures (1 during a wave), then 1 s doubling up to 5 min,
 * lockout for 1 h after 20 failures, count forgotten after 1 h without failures.
 */
export const DEFAULT_PER_IP_POLICY: Readonly<Required<PenaltyPolicy>> = Object.freeze({
  freeFailures: 3,
  freeFailuresInWave: 1,
  baseDelayMs: 1_000,
  maxDelayMs: 300_000,
  lockoutAfterFailures: 20,
  lockoutMs: 3_600_000,
  forgetAfterMs: 3_600_000,
});

/**
 * Default per-network policy: 30 free failures (10 during a wave), then 1 s doubling up to 5 min,
 * lockout for 1 h after 100 failures, count forgotten after 6 h without failures.
 */
export const DEFAULT_PER_PREFIX_POLICY: Readonly<Required<PenaltyPolicy>> = Object.freeze({
  freeFailures: 30,
  freeFailuresInWave: 10,
  baseDelayMs: 1_000,
  maxDelayMs: 300_000,
  lockoutAfterFailures: 100,
  lockoutMs: 3_600_000,
  forgetAfterMs: 21_600_000,
});

const counters = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;

/**
 * Creates the join rate limiter. Per address (IPv6 per /64) and per network (IPv4 /24, IPv6
 * /48, larger thresholds): free failures, then an exponentially growing delay, finally a
 * lockout. Globally a failure budget: when strangers use it up a guessing wave is on and
 * failures cost more (fewer free ones, longer delays), but nobody is refused for others'
 * failures, so a customer whose own address and network are clean always gets to try a number.
 * Pure logic with an injectable clock; memory bounded by `maxTrackedIps` and `maxTrackedPrefixes`.
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
 * if (claim.ok) limiter.recordSuccess(ip); else limiter.recordFailure(ip, claim.reason);
 * ```
 */
export function createJoinRateLimiter(options: JoinRateLimiterOptions = {}): JoinRateLimiter {
  const clock = options.clock ?? Date.now;
  const ipPolicy = resolvePolicy(options.perIp ?? {}, DEFAULT_PER_IP_POLICY, 'perIp');
  const prefixPolicy = resolvePolicy(options.perPrefix ?? {}, DEFAULT_PER_PREFIX_POLICY, 'perPrefix');
  const forgiveOnSuccess = options.perIp?.forgiveOnSuccess ?? false;
  const global = options.global ?? {};
  const failureBurst = figure(global.failureBurst ?? 300, 'failureBurst');
  const failuresPerMinute = figure(global.failuresPerMinute ?? 120, 'failuresPerMinute');
  const delayFactor = Math.max(1, figure(global.waveDelayFactor ?? 4, 'waveDelayFactor'));
  const minWaveMs = figure(global.minWaveMs ?? 60_000, 'minWaveMs');
  const ips = new PenaltyTable(ipPolicy, figure(options.maxTrackedIps ?? 50_000, 'maxTrackedIps'));
  const prefixes = new PenaltyTable(prefixPolicy, figure(options.maxTrackedPrefixes ?? 50_000, 'maxTrackedPrefixes'));
  const budget = createTokenBucket(failureBurst, failuresPerMinute / 60_000, clock());
  const failures = counters(JOIN_FAILURE_REASONS);
  const refusals = counters(JOIN_DENIALS);
  const wave = { active: false, delayFactor, startedAt: 0, started: 0 };

  const updateWave = (now: number) => {
    const level = budget.level(now);
    if (!wave.active && level < 1) {
      wave.active = true;
      wave.startedAt = now;
      wave.started++;
    } else if (wave.active && now - wave.startedAt >= minWaveMs && level >= Math.max(1, failureBurst / 2)) {
      wave.active = false;
    }
  };

  const refuse = (reason: JoinDenial, retryAfterMs: number): JoinDenied => {
    refusals[reason]++;
    return { allowed: false, reason, retryAfterMs };
  };

  return {
    check(address) {
      const now = clock();
      const own = ips.verdict(ipRateLimitKey(address), now);
      if (own !== undefined) return refuse(own.kind === 'lockout' ? 'ip-lockout' : 'ip-delay', own.retryAfterMs);
      const network = prefixes.verdict(ipPrefixKey(address), now);
      if (network !== undefined) {
        return refuse(network.kind === 'lockout' ? 'prefix-lockout' : 'prefix-delay', network.retryAfterMs);
      }
      return { allowed: true };
    },

    recordFailure(address, reason = 'unknown') {
      const now = clock();
      if (reason in failures) failures[reason]++;
      budget.drain(now);
      updateWave(now);
      return Math.max(ips.fail(ipRateLimitKey(address), now, wave), prefixes.fail(ipPrefixKey(address), now, wave));
    },

    recordSuccess(address) {
      if (forgiveOnSuccess) ips.forgive(ipRateLimitKey(address));
    },

    get wave() {
      updateWave(clock());
      return wave.active;
    },

    get trackedIps() {
      return ips.size;
    },

    stats() {
      updateWave(clock());
      return {
        failures: { ...failures },
        refusals: { ...refusals },
        wave: wave.active,
        wavesStarted: wave.started,
        trackedIps: ips.size,
        trackedPrefixes: prefixes.size,
        untrackedFailures: ips.untrackedFailures + prefixes.untrackedFailures,
      };
    },
  };
}
