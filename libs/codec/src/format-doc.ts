import { FORMAT_VERSION, HEADER_FIELDS, HEADER_FLAGS, HEADER_LENGTH, OP_RECT_FIELDS, OPS } from './format';

const SIZES: Record<string, number> = { u8: 1, u16: 2, u32: 4, 'u8[2]': 2 };

function fieldTable(fields: readonly { name: string; type: string; meaning: string }[]): string[] {
  const lines = ['| offset | field | type | meaning |', '|---|---|---|---|'];
  let offset = 0;
  for (const f of fields) {
    lines.push(`| ${offset} | \`${f.name}\` | ${f.type} | ${f.meaning} |`);
    offset += SIZES[f.type] ?? 0;
  }
  return lines;
}

/**
 * The codec section of `docs/protocol.md`, rendered from the tables in `format.ts` (a test checks
 * that the page contains exactly this text).
 */
export function renderWireFormat(): string {
  const lines = [
    `Format version ${FORMAT_VERSION}. Source of truth: \`libs/codec/src/format.ts\` (this text is rendered from it by`,
    '`renderWireFormat()` and checked by `libs/codec/test/format.test.ts`). All integers little-endian; colours are 3',
    'bytes R, G, B; the decoder writes RGBA with alpha 255.',
    '',
    `### Update header (${HEADER_LENGTH} bytes)`,
    '',
    ...fieldTable(HEADER_FIELDS),
    '',
    '| flag | bit | meaning |',
    '|---|---|---|',
    ...Object.entries(HEADER_FLAGS).map(
      ([name, f]) => `| \`${name}\` | 0x${f.bit.toString(16).padStart(2, '0')} | ${f.meaning} |`,
    ),
    '',
    'The body follows the header: `bodyLength` bytes, or one raw deflate stream that must inflate to exactly',
    '`bodyLength` bytes. It holds `opCount` ops back to back, the `copyCount` copy ops first; nothing may follow the',
    'last op.',
    '',
    '### Op prefix (9 bytes, every op)',
    '',
    ...fieldTable(OP_RECT_FIELDS),
    '',
    '### Op types',
    '',
    '| type | name | payload after the prefix | meaning |',
    '|---|---|---|---|',
    ...Object.entries(OPS).map(([name, op]) => `| ${op.code} | \`${name}\` | ${op.payload} | ${op.meaning} |`),
    '',
    '### Decoder checks (before allocating or writing)',
    '',
    '- magic, version (`CODEC_UNSUPPORTED_VERSION`), unknown flags, zero size, `copyCount > opCount` → `CODEC_BAD_HEADER`;',
    '- `width`/`height` ≤ `maxWidth`/`maxHeight`, width·height ≤ `maxPixels`, `opCount` ≤ `maxOps` and',
    '  ≤ `maxOverdraw`·width·height, `bodyLength` ≤ `maxDecompressedBytes` and ≤ 3·width·height + ⌈width·height/64⌉ +',
    '  16·opCount → `CODEC_LIMIT_EXCEEDED`; inflating stops at `bodyLength` + 1 bytes',
    '  (`CODEC_DECOMPRESSED_SIZE_MISMATCH`, `CODEC_INFLATE_FAILED`);',
    '- a delta update needs a keyframe first and the same frame size (`CODEC_MISSING_KEYFRAME`, `CODEC_BAD_HEADER`);',
    '- every op rectangle and copy source lies inside the frame (`CODEC_TILE_OUT_OF_BOUNDS`); the pixels all ops write',
    '  stay ≤ `maxOverdraw`·width·height (`CODEC_LIMIT_EXCEEDED`); every payload fits in the body (`CODEC_TRUNCATED`);',
    '  palette sizes, indices and run lengths are in range, `reference` ops appear only in deltas (`CODEC_BAD_OP`).',
    '',
    'After any error the decoder accepts only a keyframe. No message asks the guest for one: the viewer ends the call',
    'with `protocol-error` on a decode error. The decoder keeps the picture a keyframe leaves as the reference for',
    '`reference` ops (a second width·height·4 bytes).',
  ];
  return lines.join('\n');
}
