import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canEndWith, END_REASON_SENDERS, END_REASONS, END_REASONS_SENT_BY, SESSION_STATES } from '../../src/index';

describe('END_REASON_SENDERS', () => {
  it('names who may state every end reason, and nothing else', () => {
    expect(Object.keys(END_REASON_SENDERS).sort()).toEqual([...END_REASONS].sort());
  });

  it('gives each side the reasons the table lists for it', () => {
    for (const side of ['guest', 'viewer', 'relay'] as const) {
      const listed = END_REASONS.filter((reason) => END_REASON_SENDERS[reason].includes(side));
      expect(END_REASONS_SENT_BY[side]).toEqual(listed);
    }
  });

  it('lets either side state expired (consent timeout) and neither speak for the other', () => {
    expect(END_REASONS_SENT_BY.guest).toContain('expired');
    expect(END_REASONS_SENT_BY.viewer).toContain('expired');
    expect(END_REASONS_SENT_BY.viewer).not.toContain('consent-refused');
    expect(END_REASONS_SENT_BY.guest).not.toContain('agent-ended');
    expect(END_REASONS_SENT_BY.relay).toEqual([
      'guest-window-closed',
      'expired',
      'peer-lost',
      'protocol-error',
      'relay-shutdown',
    ]);
  });

  it('only lists reasons the lifecycle accepts from some live state', () => {
    const live = SESSION_STATES.filter((state) => state !== 'ended');
    for (const reason of END_REASONS.filter((r) => END_REASON_SENDERS[r].length > 0))
      expect({ reason, ok: live.some((state) => canEndWith(state, reason)) }).toEqual({ reason, ok: true });
  });

  it('matches the table in the README', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const reason of END_REASONS) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${reason}\``));
      const marks = row
        ?.split('|')
        .slice(2, 5)
        .map((cell) => cell.trim() === '✓');
      const expected = (['guest', 'viewer', 'relay'] as const).map((side) => END_REASON_SENDERS[reason].includes(side));
      expect({ reason, marks }).toEqual({ reason, marks: expected });
    }
  });
});
