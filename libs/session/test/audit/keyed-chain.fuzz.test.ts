import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AuditRecord,
  formatAuditLine,
  parseAuditLine,
  type StoredAuditRecord,
  verifyAuditLines,
} from '../../src/index';
import { anchorOf, buildLog, forgeChain, KEY, type Rechain, recordsOf, sha256 } from './fixtures/keyed-log';
import { sessionRecords } from './fixtures/records';

const allRecords: AuditRecord[] = [
  ...sessionRecords('f1', 0),
  ...sessionRecords('f2', 60_000),
  ...sessionRecords('f3', 120_000),
];

const rechains: (Rechain | 'none')[] = ['none', 'sha-strip', 'sha-keep-key-id', 'other-key', 'other-key-own-id'];

/** One change someone with write access but without the key can make. */
const tampering = fc.oneof(
  fc.record({
    kind: fc.constant('flip' as const),
    line: fc.nat(),
    at: fc.nat(),
    to: fc.integer({ min: 32, max: 126 }),
  }),
  fc.record({
    kind: fc.constant('edit' as const),
    line: fc.nat(),
    sessionId: fc.string({ minLength: 1, maxLength: 12 }),
    rechain: fc.constantFrom(...rechains),
  }),
  fc.record({ kind: fc.constant('delete' as const), line: fc.nat(), rechain: fc.constantFrom(...rechains) }),
  fc.record({ kind: fc.constant('truncate' as const), keep: fc.nat() }),
);

type Tampering = typeof tampering extends fc.Arbitrary<infer T> ? T : never;

/** Applies `change` to `lines`; `undefined` when it would leave the log as it was. */
function tamper(lines: string[], change: Tampering): string[] | undefined {
  const index = 'line' in change ? change.line % lines.length : 0;
  switch (change.kind) {
    case 'flip': {
      const line = lines[index]!;
      const at = change.at % line.length;
      const to = String.fromCharCode(change.to);
      if (line[at] === to) return undefined;
      return lines.map((l, i) => (i === index ? l.slice(0, at) + to + l.slice(at + 1) : l));
    }
    case 'edit': {
      const records = recordsOf(lines);
      const record = records[index]!;
      if (!('sessionId' in record) || record.sessionId === change.sessionId) return undefined;
      records[index] = { ...record, sessionId: change.sessionId };
      if (change.rechain !== 'none') return forgeChain(records, change.rechain);
      const { seq, prev, keyId } = parseAuditLine(lines[index]!) as StoredAuditRecord;
      return lines.map((l, i) => (i === index ? formatAuditLine(records[index]!, seq, prev, keyId) : l));
    }
    case 'delete': {
      const records = recordsOf(lines);
      records.splice(index, 1);
      return change.rechain === 'none' ? lines.filter((_, i) => i !== index) : forgeChain(records, change.rechain);
    }
    case 'truncate':
      return lines.slice(0, change.keep % lines.length);
  }
}

describe('a keyed audit log with its anchor', () => {
  it('fails verification after any edit, deletion, re-chaining or truncation', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: allRecords.length }), tampering, async (count, change) => {
        const lines = buildLog(allRecords.slice(0, count), KEY);
        const anchor = anchorOf(lines, KEY);
        expect(await verifyAuditLines(lines, sha256, { key: KEY, anchor })).toMatchObject({ ok: true });
        const tampered = tamper(lines, change);
        fc.pre(tampered !== undefined && tampered.join('\n') !== lines.join('\n'));
        const result = await verifyAuditLines(tampered!, sha256, { key: KEY, anchor });
        expect(result.ok).toBe(false);
      }),
      { interruptAfterTimeLimit: 20_000 },
    );
  });
});
