import { readFileSync } from 'node:fs';
import { END_REASONS, END_REASONS_SENT_BY } from '@fernhilfe/session';
import { describe, expect, it } from 'vitest';
import {
  PEER_END_REASONS,
  RELAY_SUBPROTOCOL,
  RelayMessageKind,
  RelayWireError,
  TransportCloseCode,
} from '../src/index';

const doc = readFileSync(new URL('../../../docs/protocol.md', import.meta.url), 'utf8');
const start = doc.indexOf('<!-- section: relay');
// Padding collapsed, so formatting the Markdown keeps the test green.
const section = doc.slice(start, doc.indexOf('<!-- section:', start + 1)).replace(/\s+/g, ' ');

/** Who sends a kind, as the section's table words it. */
const DIRECTION_WORDS: Record<(typeof RelayMessageKind)[keyof typeof RelayMessageKind]['from'], RegExp> = {
  agent: /^agent → relay$/,
  guest: /^guest → relay( \(paired\))?$/,
  relay: /^relay → /,
  peer: /^peer → relay$/,
  any: /^peer → relay, relay → peer$/,
};

/** The backticked names in the sentence of the section that starts with `lead`. */
function namesAfter(lead: string, until: string): string[] {
  const from = section.indexOf(lead);
  expect(from, lead).toBeGreaterThan(0);
  const text = section.slice(from + lead.length, section.indexOf(until, from + lead.length));
  return [...text.matchAll(/`([a-z-]+)`/g)].map((match) => match[1]!);
}

describe('docs/protocol.md relay section', () => {
  it('names the subprotocol', () => {
    expect(start).toBeGreaterThan(0);
    expect(section).toContain(`\`${RELAY_SUBPROTOCOL}\``);
  });

  it('lists every control message kind with who sends it', () => {
    const rows = new Map(
      [...section.matchAll(/\| `([a-z-]+)` \| ([^|]+) \|/g)].map((match) => [match[1]!, match[2]!.trim()]),
    );
    for (const [kind, { from }] of Object.entries(RelayMessageKind)) {
      expect({ kind, direction: rows.get(kind) }).toEqual({
        kind,
        direction: expect.stringMatching(DIRECTION_WORDS[from]),
      });
    }
  });

  it('lists every wire error code with its client error code and close code', () => {
    for (const [wire, code] of Object.entries(RelayWireError)) {
      const row = new RegExp(`\\| \`${wire}\`[^|]* \\| \`${code}\` \\| ${TransportCloseCode[code]}\\b`);
      expect({ wire, listed: row.test(section) }).toEqual({ wire, listed: true });
    }
  });

  it('says which end reasons exist, which a peer may send and which the relay produces', () => {
    expect(namesAfter('End reasons are the `EndReason` values of `libs/session` (', ')')).toEqual([...END_REASONS]);
    expect(namesAfter('A peer may send ', '(`PEER_END_REASONS`)')).toEqual([...PEER_END_REASONS]);
    expect(namesAfter('the relay itself produces ', '.')).toEqual([...END_REASONS_SENT_BY.relay]);
  });

  it('says which end reasons each side may state', () => {
    expect(namesAfter('may state only its own end reasons: the agent ', ';')).toEqual([...END_REASONS_SENT_BY.viewer]);
    expect(namesAfter('; the guest ', '.')).toEqual([...END_REASONS_SENT_BY.guest]);
  });
});
