import fc from 'fast-check';

/**
 * Run count for a property that costs much more per run than most (large buffers, whole
 * handshakes, real sockets): the global count (`FC_NUM_RUNS`, 100 by default, set in
 * `vitest.setup.ts`) divided by `divisor`, at least 1. So CI stays fast on a busy machine and
 * `npm run fuzz` with a large `FC_NUM_RUNS` still scales every property.
 *
 * @param divisor - how many times more one run costs than a typical property run.
 * @returns the number of runs to pass as `numRuns`.
 * @example
 * ```ts
 * fc.assert(fc.property(bigFrames, check), { numRuns: heavyRuns(4) }); // 25 runs by default
 * ```
 */
export function heavyRuns(divisor: number): number {
  return Math.max(1, Math.ceil(fc.readConfigureGlobal().numRuns! / divisor));
}
