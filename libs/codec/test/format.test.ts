import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HEADER_FIELDS, HEADER_LENGTH, OP_RECT_FIELDS, OP_RECT_LENGTH, OPS } from '../src/format';
import { renderWireFormat } from '../src/format-doc';

const PROTOCOL = join(dirname(fileURLToPath(import.meta.url)), '../../../docs/protocol.md');
const SIZES: Record<string, number> = { u8: 1, u16: 2, u32: 4, 'u8[2]': 2 };

describe('wire format table', () => {
  it('has unique op codes and consistent lengths', () => {
    const codes = Object.values(OPS).map((op) => op.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(HEADER_FIELDS.reduce((n, f) => n + SIZES[f.type]!, 0)).toBe(HEADER_LENGTH);
    expect(OP_RECT_FIELDS.reduce((n, f) => n + SIZES[f.type]!, 0)).toBe(OP_RECT_LENGTH);
  });

  it('is mirrored in docs/protocol.md (codec section)', () => {
    const page = readFileSync(PROTOCOL, 'utf8');
    expect(page, 'regenerate the codec section with renderWireFormat()').toContain(renderWireFormat());
  });
});
