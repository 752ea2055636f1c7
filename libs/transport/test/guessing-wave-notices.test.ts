import { createJoinRateLimiter } from '@fernhilfe/session';
import { describe, expect, it } from 'vitest';
import { GuessingWaveNotices } from '../src/relay/guessing-wave-notices';

describe('GuessingWaveNotices', () => {
  it('announces the start and the end of a wave once each, at most one line per minute per limiter', () => {
    let now = 0;
    const clock = () => now;
    const limiter = createJoinRateLimiter({ clock, global: { failureBurst: 2, failuresPerMinute: 60, minWaveMs: 0 } });
    const lines: string[] = [];
    const notices = new GuessingWaveNotices((line) => lines.push(line), { joins: limiter }, clock);
    notices.poll();
    expect(lines).toEqual([]);
    for (let i = 0; i < 3; i++) limiter.recordFailure(`198.51.${i}.1`, 'unknown');
    for (let i = 0; i < 100; i++) notices.poll();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^guessing wave on joins started: .*unknown 3/);
    // The wave is over after 2 s, but the next line waits until a minute after the last one.
    now += 2_000;
    notices.poll();
    expect(lines).toHaveLength(1);
    now += 58_000;
    notices.poll();
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^guessing wave on joins ended/);
  });
});
