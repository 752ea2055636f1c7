import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatGuessingOddsTable, type GuessingOdds, guessingOdds } from '../../src/index';

const limitsDoc = new URL('../../../../docs/limits.md', import.meta.url);
const START = /<!-- guessing-odds:start[^>]*-->\n/;
const END = '<!-- guessing-odds:end -->';

describe('guessing odds of the default policy', () => {
  let odds: GuessingOdds;
  // About a second of simulation (7 days on a fake clock per strategy); not a timing assertion.
  beforeAll(() => {
    odds = guessingOdds();
  });

  it('docs/limits.md prints the table computed from the real default limiter', () => {
    const doc = readFileSync(limitsDoc, 'utf8');
    const start = doc.search(START);
    expect(start).toBeGreaterThan(-1);
    const body = doc.slice(start).replace(START, '');
    const printed = body.slice(0, body.indexOf(END));
    const normalise = (table: string) => table.replace(/ +/g, ' ').replace(/-{3,}/g, '---');
    expect(normalise(printed)).toBe(normalise(formatGuessingOddsTable(odds)));
  });

  it('docs/limits.md prints the per-network rates it derives the table from', () => {
    const doc = readFileSync(limitsDoc, 'utf8');
    const { calm, wave } = odds.guessesPerNetworkPerHour;
    expect(doc).toContain(`r_calm ≈ ${calm.toFixed(1)} and r_wave ≈ ${wave.toFixed(1)} guesses per network per hour`);
  });

  it('follows V / (N × R): ten times the live numbers, a tenth of the time; a wave rate below the calm one', () => {
    expect(odds.validNumbers).toBe(10_000_000);
    expect(odds.meanTimeToHitMs(100, 7)).toBeCloseTo(odds.meanTimeToHitMs(10, 7) / 10, 3);
    expect(odds.guessesPerNetworkPerHour.wave).toBeLessThan(odds.guessesPerNetworkPerHour.calm);
    expect(odds.meanTimeToHitMs(1, 1)).toBeCloseTo((1e7 / odds.guessesPerNetworkPerHour.calm) * 3_600_000, -3);
  });
});
