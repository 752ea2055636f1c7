/** A token bucket refilled continuously from a clock reading; pure arithmetic, no timers. */
export interface TokenBucket {
  /** Takes one token if there is one; returns 0, or the ms until one is available. */
  take(now: number): number;
  /** Takes one token even if that leaves the bucket empty (never below zero). */
  drain(now: number): void;
  /** Ms until one token is available (0 if one is). */
  waitMs(now: number): number;
  /** Tokens in the bucket now (fractional). */
  level(now: number): number;
}

/**
 * @param capacity - most tokens the bucket holds (burst)
 * @param refillPerMs - tokens added per millisecond
 * @param now - clock reading at creation; the bucket starts full
 */
export function createTokenBucket(capacity: number, refillPerMs: number, now: number): TokenBucket {
  let tokens = capacity;
  let updatedAt = now;
  const refill = (at: number) => {
    if (at > updatedAt) {
      tokens = Math.min(capacity, tokens + (at - updatedAt) * refillPerMs);
      updatedAt = at;
    }
  };
  const waitMs = (at: number) => {
    refill(at);
    return tokens >= 1 ? 0 : refillPerMs > 0 ? Math.ceil((1 - tokens) / refillPerMs) : Number.POSITIVE_INFINITY;
  };
  return {
    take(at) {
      const wait = waitMs(at);
      if (wait === 0) tokens -= 1;
      return wait;
    },
    drain(at) {
      refill(at);
      tokens = Math.max(0, tokens - 1);
    },
    waitMs,
    level(at) {
      refill(at);
      return tokens;
    },
  };
}
