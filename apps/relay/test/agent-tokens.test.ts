import { describe, expect, it } from 'vitest';
import { parseTokenFile } from '../src/agent-tokens';
import { CliUsageError } from '../src/errors';

const defaults = { org: 'Stadtwerke', agentName: 'Support' };
const A = 'a'.repeat(20);
const B = 'b'.repeat(20);

function codeOf(text: string): string | undefined {
  try {
    parseTokenFile(text, defaults);
  } catch (error) {
    expect(error).toBeInstanceOf(CliUsageError);
    return (error as CliUsageError).code;
  }
  return undefined;
}

describe('parseTokenFile', () => {
  it('takes the id and display name of each line, independent of its position', () => {
    const both = parseTokenFile(`# comment\n${A} id=weber Frau Weber\n\n${B} id=braun\n`, defaults);
    expect(both.entries).toEqual([
      { token: A, agentId: 'weber', displayName: 'Frau Weber', org: 'Stadtwerke' },
      { token: B, agentId: 'braun', displayName: 'Support', org: 'Stadtwerke' },
    ]);
    expect(both.withoutId).toEqual([]);
    expect(parseTokenFile(`${B} id=braun\n`, defaults).entries[0]?.agentId).toBe('braun');
  });

  it('derives a stable id from the token for lines without id=, and lists them', () => {
    const first = parseTokenFile(`${A} Frau Weber\n${B} Herr Braun\n`, defaults);
    const reordered = parseTokenFile(`${B} Herr Braun\n`, defaults);
    expect(first.entries[1]?.agentId).toMatch(/^token-[0-9a-f]{12}$/);
    expect(reordered.entries[0]?.agentId).toBe(first.entries[1]?.agentId);
    expect(first.entries[0]?.displayName).toBe('Frau Weber');
    expect(first.withoutId).toEqual([1, 2]);
  });

  it.each([
    ['no tokens', '# only a comment\n'],
    ['a short token', 'short id=x\n'],
    ['a bad id', `${A} id=-bad\n`],
    ['an empty id', `${A} id= Frau Weber\n`],
    ['a repeated id', `${A} id=same\n${B} id=same\n`],
    ['a repeated token', `${A} id=one\n${A} id=two\n`],
  ])('refuses %s with RELAY_CLI_INVALID_TOKENS', (_what, text) => {
    expect(codeOf(text)).toBe('RELAY_CLI_INVALID_TOKENS');
  });
});
