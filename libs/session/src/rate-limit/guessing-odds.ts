import { SESSION_NUMBER_LENGTH } from '../number/session-number';
import { createJoinRateLimiter, DEFAULT_PER_PREFIX_POLICY, type JoinRateLimiterOptions } from './join-rate-limiter';

const HOUR_MS = 3_600_000;
const SIMULATED_MS = 7 * 24 * HOUR_MS;

/** What an attacker with many networks can achieve against a limiter policy. */
export interface GuessingOdds {
  /** Numbers that pass the check digit: 10⁷ (7 random digits, any Damm check digit follows). */
  validNumbers: number;
  /** Best guess rate of one /24 or /48 (unlimited addresses in it), without and during a guessing wave. */
  guessesPerNetworkPerHour: { calm: number; wave: number };
  /** Failures per hour the global budget refills: above this rate the attacker starts a wave. */
  globalFailuresPerHour: number;
  /**
   * Mean time until one of `liveNumbers` numbers is hit by an attacker guessing uniformly among
   * valid numbers from `networks` distinct /24s or /48s at the best rate above:
   * `validNumbers / (liveNumbers × max(networks × wave, min(networks × calm, global)))`.
   * @param liveNumbers - numbers waiting for a guest at any time
   * @param networks - distinct /24 or /48 networks of the attacker
   * @returns milliseconds
   */
  meanTimeToHitMs(liveNumbers: number, networks: number): number;
}

/**
 * Guesses per hour of the best attacker from one network: bursts of `burst` failures from fresh
 * addresses, as fast as the real limiter lets them, then silence until the network's count is
 * forgotten; simulated for 7 days on a fake clock.
 */
function simulate(options: JoinRateLimiterOptions, wave: boolean, burst: number, forgetAfterMs: number): number {
  let now = 0;
  const limiter = createJoinRateLimiter({
    ...options,
    clock: () => now,
    global: { ...options.global, failureBurst: wave ? 0 : Number.MAX_SAFE_INTEGER },
  });
  let guesses = 0;
  let inBurst = 0;
  for (let i = 0; now < SIMULATED_MS; i++) {
    const address = `2001:db8:0:${(i % 0x10000).toString(16)}::1`;
    const decision = limiter.check(address);
    if (!decision.allowed) {
      now += decision.retryAfterMs;
      continue;
    }
    limiter.recordFailure(address);
    guesses++;
    if (++inBurst >= burst) {
      now += forgetAfterMs;
      inBurst = 0;
    }
  }
  return (guesses * HOUR_MS) / SIMULATED_MS;
}

function bestRate(options: JoinRateLimiterOptions, wave: boolean): number {
  const prefix = { ...DEFAULT_PER_PREFIX_POLICY, ...options.perPrefix };
  let best = simulate(options, wave, Number.POSITIVE_INFINITY, prefix.forgetAfterMs);
  for (let burst = 1; burst <= prefix.lockoutAfterFailures; burst++) {
    best = Math.max(best, simulate(options, wave, burst, prefix.forgetAfterMs));
  }
  return best;
}

/**
 * Computes the guessing odds of a limiter policy by running the real limiter against the best
 * attacker (see {@link GuessingOdds}). Takes about a second; meant for docs and capacity planning.
 *
 * @param options - the limiter options to assess (the clock is ignored) @defaultValue the defaults
 * @returns the odds
 */
export function guessingOdds(options: JoinRateLimiterOptions = {}): GuessingOdds {
  const validNumbers = 10 ** (SESSION_NUMBER_LENGTH - 1);
  const calm = bestRate(options, false);
  const wave = bestRate(options, true);
  const globalFailuresPerHour = (options.global?.failuresPerMinute ?? 120) * 60;
  return {
    validNumbers,
    guessesPerNetworkPerHour: { calm, wave },
    globalFailuresPerHour,
    meanTimeToHitMs(liveNumbers, networks) {
      const perHour = Math.max(networks * wave, Math.min(networks * calm, globalFailuresPerHour));
      return (validNumbers / (liveNumbers * perHour)) * HOUR_MS;
    },
  };
}

function duration(ms: number): string {
  const units: Array<[string, number]> = [
    ['years', 365.25 * 24 * HOUR_MS],
    ['days', 24 * HOUR_MS],
    ['hours', HOUR_MS],
    ['min', 60_000],
  ];
  for (const [name, size] of units) {
    const value = ms / size;
    if (value >= 2 || name === 'min') return `${value >= 10 ? Math.round(value) : value.toFixed(1)} ${name}`;
  }
  return '';
}

/**
 * The Markdown table of mean times to a hit that `docs/limits.md` prints.
 *
 * @param odds - from {@link guessingOdds}
 * @param liveCounts - numbers live at once (columns) @defaultValue 10, 100, 1 000
 * @param networkCounts - attacker networks (rows) @defaultValue 1, 100, 10 000
 * @returns the table, one line per row, ending in a newline
 */
export function formatGuessingOddsTable(
  odds: GuessingOdds,
  liveCounts: readonly number[] = [10, 100, 1_000],
  networkCounts: readonly number[] = [1, 100, 10_000],
): string {
  const number = (value: number) => value.toLocaleString('en-US').replaceAll(',', ' ');
  const rows = [
    `| attacker networks (/24 or /48) | ${liveCounts.map((n) => `N = ${number(n)} live numbers`).join(' | ')} |`,
    `| --- | ${liveCounts.map(() => '---').join(' | ')} |`,
    ...networkCounts.map(
      (a) => `| ${number(a)} | ${liveCounts.map((n) => duration(odds.meanTimeToHitMs(n, a))).join(' | ')} |`,
    ),
  ];
  return `${rows.join('\n')}\n`;
}
