import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HEADER_FIELDS, HEADER_LENGTH, OP_RECT_FIELDS, OP_RECT_LENGTH, OPS } from '../src/format';
import { renderWireFormat } from '../src/format-doc';

const PROTOCOL = join(dirname(fileURLToPath(import.meta.url)), '../../../docs/protocol.md');
const SIZES: Record<string, number> = { u8: 1, u16: 2, u32: 4, 'u8[2]': 2 };

/** Markdown with table padding and alignment dashes normalised, so a formatter may re-pad the page. */
function normalise(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) => {
      const trimmed = line.trim();
      if (!trimmed.startsWith('|')) return trimmed;
      return trimmed
        .split('|')
        .map((cell) => cell.trim())
        .map((cell) => (/^:?-+:?$/.test(cell) ? '---' : cell))
        .join('|');
    })
    .join('\n');
}

describe('wire format table', () => {
  it('has unique op codes and consistent lengths', () => {
    const codes = Object.values(OPS).map((op) => op.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(HEADER_FIELDS.reduce((n, f) => n + SIZES[f.type]!, 0)).toBe(HEADER_LENGTH);
    expect(OP_RECT_FIELDS.reduce((n, f) => n + SIZES[f.type]!, 0)).toBe(OP_RECT_LENGTH);
  });

  it('is mirrored in docs/protocol.md (codec section)', () => {
    const page = readFileSync(PROTOCOL, 'utf8');
    expect(normalise(page), 'regenerate the codec section with renderWireFormat()').toContain(
      normalise(renderWireFormat()),
    );
  });
});
