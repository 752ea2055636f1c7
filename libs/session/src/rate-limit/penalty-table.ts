/** How failures from one key (an address or a network) turn into delays and lockouts; each figure is ≥ 0. */
export interface PenaltyPolicy {
  /** Failed attempts a key may make before any delay. */
  freeFailures?: number;
  /** Free failures while a guessing wave is on (the smaller of this and `freeFailures` applies). */
  freeFailuresInWave?: number;
  /** Delay after the first failure past the free ones; doubles with each further failure. */
  baseDelayMs?: number;
  /** Cap of the growing delay (base and cap are multiplied by `waveDelayFactor` during a wave). */
  maxDelayMs?: number;
  /** Failures (within `forgetAfterMs`) after which the key is locked out. */
  lockoutAfterFailures?: number;
  /** Length of a lockout. */
  lockoutMs?: number;
  /** Quiet time after the last failure after which a key's failure count starts from zero again. */
  forgetAfterMs?: number;
}

/** A {@link PenaltyPolicy} with every figure present. */
export type ResolvedPenaltyPolicy = Required<PenaltyPolicy>;

/** How much harsher failures are while a guessing wave is on. */
export interface WaveSeverity {
  /** Whether a wave is on. */
  active: boolean;
  /** Factor on `baseDelayMs` and `maxDelayMs` during a wave. */
  delayFactor: number;
}

/** Why a key must wait. */
export interface PenaltyVerdict {
  /** A growing delay or a lockout. */
  kind: 'delay' | 'lockout';
  /** Milliseconds until the key may try again. */
  retryAfterMs: number;
}

interface Entry {
  failures: number;
  lastFailureAt: number;
  nextAllowedAt: number;
  lockedUntil: number;
}

interface HeapNode {
  key: string;
  entry: Entry;
  until: number;
}

/**
 * Failure counts and penalties per key, at most `maxKeys` of them. A full table makes room only
 * by forgetting an entry whose penalty is over and whose count no longer matters (the one that
 * stopped mattering first, found in a min-heap); an entry that still delays, locks out or
 * counts towards a delay is never evicted, so fresh keys cannot flush penalties. When every
 * entry still matters, a new key is not tracked and its failure is only counted
 * (`untrackedFailures`). Memory: `maxKeys` entries plus at most `2 × maxKeys + 16` heap nodes.
 */
export class PenaltyTable {
  readonly #policy: ResolvedPenaltyPolicy;
  readonly #maxKeys: number;
  readonly #entries = new Map<string, Entry>();
  #heap: HeapNode[] = [];
  #untracked = 0;

  /**
   * @param policy - figures of the penalties
   * @param maxKeys - most keys tracked at once (at least 1)
   */
  constructor(policy: ResolvedPenaltyPolicy, maxKeys: number) {
    this.#policy = policy;
    this.#maxKeys = Math.max(1, Math.floor(maxKeys));
  }

  /** Keys tracked now. */
  get size(): number {
    return this.#entries.size;
  }

  /** Failures from keys that could not be tracked because every entry still mattered. */
  get untrackedFailures(): number {
    return this.#untracked;
  }

  /**
   * @param key - address or network key
   * @param now - clock reading
   * @returns why the key must wait, or `undefined` if it may try now
   */
  verdict(key: string, now: number): PenaltyVerdict | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.lockedUntil > now) return { kind: 'lockout', retryAfterMs: entry.lockedUntil - now };
    if (entry.nextAllowedAt > now) return { kind: 'delay', retryAfterMs: entry.nextAllowedAt - now };
    return undefined;
  }

  /**
   * Records a failure of `key`.
   *
   * @param key - address or network key
   * @param now - clock reading
   * @param wave - whether a guessing wave makes this failure cost more
   * @returns milliseconds before the key may try again (0 while failures are free or the key is untracked)
   */
  fail(key: string, now: number, wave: WaveSeverity): number {
    let entry = this.#entries.get(key);
    if (entry === undefined) {
      if (!this.#makeRoom(now)) {
        this.#untracked++;
        return 0;
      }
      entry = { failures: 0, lastFailureAt: now, nextAllowedAt: 0, lockedUntil: 0 };
      this.#entries.set(key, entry);
    }
    const policy = this.#policy;
    if (now - entry.lastFailureAt >= policy.forgetAfterMs) entry.failures = 0;
    entry.failures++;
    entry.lastFailureAt = now;
    entry.nextAllowedAt = now + this.#delayAfter(entry.failures, wave);
    if (entry.failures >= policy.lockoutAfterFailures) {
      entry.lockedUntil = Math.max(entry.lockedUntil, now + policy.lockoutMs);
    }
    this.#push(key, entry);
    return Math.max(0, entry.nextAllowedAt - now, entry.lockedUntil - now);
  }

  /**
   * Clears the failure count and delay of `key` (not a lockout).
   * @param key - address or network key
   */
  forgive(key: string): void {
    const entry = this.#entries.get(key);
    if (entry === undefined) return;
    entry.failures = 0;
    entry.nextAllowedAt = 0;
    this.#push(key, entry);
  }

  #delayAfter(failures: number, wave: WaveSeverity): number {
    const policy = this.#policy;
    const free = wave.active ? Math.min(policy.freeFailures, policy.freeFailuresInWave) : policy.freeFailures;
    if (failures <= free) return 0;
    const factor = wave.active ? wave.delayFactor : 1;
    return Math.min(policy.maxDelayMs * factor, policy.baseDelayMs * factor * 2 ** Math.min(64, failures - free - 1));
  }

  /** Until when evicting `entry` would change a verdict: its penalty, and its count while it counts. */
  #mattersUntil(entry: Entry): number {
    const penalty = Math.max(entry.nextAllowedAt, entry.lockedUntil);
    const counts = entry.failures >= this.#policy.freeFailures && entry.failures > 0;
    return counts ? Math.max(penalty, entry.lastFailureAt + this.#policy.forgetAfterMs) : penalty;
  }

  #makeRoom(now: number): boolean {
    while (this.#entries.size >= this.#maxKeys) {
      const node = this.#heap[0];
      if (node === undefined) return false;
      if (this.#entries.get(node.key) !== node.entry || this.#mattersUntil(node.entry) !== node.until) {
        this.#pop();
        continue;
      }
      if (node.until > now) return false;
      this.#pop();
      this.#entries.delete(node.key);
    }
    return true;
  }

  #push(key: string, entry: Entry): void {
    if (this.#heap.length > 2 * this.#maxKeys + 16) this.#rebuild();
    const heap = this.#heap;
    heap.push({ key, entry, until: this.#mattersUntil(entry) });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent]!.until <= heap[i]!.until) break;
      [heap[parent], heap[i]] = [heap[i]!, heap[parent]!];
      i = parent;
    }
  }

  #pop(): void {
    const heap = this.#heap;
    const last = heap.pop();
    if (last === undefined || heap.length === 0) return;
    heap[0] = last;
    this.#siftDown(0);
  }

  #siftDown(start: number): void {
    const heap = this.#heap;
    let i = start;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && heap[left]!.until < heap[smallest]!.until) smallest = left;
      if (right < heap.length && heap[right]!.until < heap[smallest]!.until) smallest = right;
      if (smallest === i) return;
      [heap[smallest], heap[i]] = [heap[i]!, heap[smallest]!];
      i = smallest;
    }
  }

  /** Drops stale heap nodes: one node per tracked entry remains. */
  #rebuild(): void {
    this.#heap = [...this.#entries].map(([key, entry]) => ({ key, entry, until: this.#mattersUntil(entry) }));
    for (let i = (this.#heap.length >> 1) - 1; i >= 0; i--) this.#siftDown(i);
  }
}
