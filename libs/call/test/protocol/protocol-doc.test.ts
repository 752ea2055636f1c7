import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { END_REASON_CODES, INPUT_BLOCKED_REASON_CODES, MESSAGE_TYPE_NAMES, MESSAGE_TYPES } from '../../src/index';

const doc = readFileSync(new URL('../../../../docs/protocol.md', import.meta.url), 'utf8');
const start = doc.indexOf('<!-- section: session');
// Table cells are compared with their padding collapsed, so formatting the Markdown keeps the test green.
const section = doc
  .slice(start, doc.indexOf('<!-- section:', start + 1))
  .replace(/ {2,}/g, ' ')
  .replace(/\| +(\d+) \|/g, '| $1 |');

describe('docs/protocol.md session section', () => {
  it('lists every message type with its number, sender and every layout field', () => {
    expect(start).toBeGreaterThan(0);
    for (const name of MESSAGE_TYPE_NAMES) {
      const entry = MESSAGE_TYPES[name];
      expect(section).toContain(`| ${entry.id} | \`${name}\` | ${entry.direction} | ${entry.input ? 'yes' : 'no'} |`);
      for (const field of entry.layout)
        expect(section).toContain(`| \`${field.name}\` | ${field.wire} | ${field.note} |`);
    }
  });

  it('lists every end reason code', () => {
    for (const [reason, code] of Object.entries(END_REASON_CODES))
      expect(section).toContain(`| ${code} | \`${reason}\` |`);
  });

  it('lists every input-blocked reason code', () => {
    for (const [reason, code] of Object.entries(INPUT_BLOCKED_REASON_CODES))
      expect(section).toContain(`| ${code} | \`${reason}\` |`);
  });
});
