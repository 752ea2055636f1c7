import { describe, expect, it } from 'vitest';
import {
  AuditKey,
  AuditVerifyProblem,
  auditAnchorMacValid,
  formatAuditAnchor,
  parseAuditAnchor,
  parseAuditKey,
  SessionErrorCode,
  verifyAuditLines,
} from '../../src/index';
import { anchorOf, buildLog, forgeChain, KEY, OTHER_KEY, recordsOf, sha256 } from './fixtures/keyed-log';
import { sessionRecords } from './fixtures/records';

const records = [...sessionRecords('a', 0), ...sessionRecords('b', 10_000)];
const keyed = buildLog(records, KEY);
const anchor = anchorOf(keyed, KEY);

function edited(lines: readonly string[], index: number): ReturnType<typeof recordsOf> {
  const changed = recordsOf(lines);
  changed[index] = { ...changed[index]!, at: new Date(Date.UTC(2020, 0, 1)).toISOString() };
  return changed;
}

describe('verifyAuditLines with a key and an anchor', () => {
  it('accepts an intact keyed log with its key and anchor', async () => {
    const result = await verifyAuditLines(keyed, sha256, { key: KEY, anchor });
    expect(result).toMatchObject({ ok: true, records: 12, keyedFrom: 0, lastLineHash: anchor.hash });
    expect(keyed.every((line) => line.includes(`"keyId":"${KEY.id}"`))).toBe(true);
  });

  it('detects an edited line whose chain was recomputed without the key', async () => {
    const stripped = forgeChain(edited(keyed, 3), 'sha-strip');
    // A plain hash chain cannot tell: this is what the key is for.
    expect(await verifyAuditLines(stripped, sha256)).toMatchObject({ ok: true });
    expect(await verifyAuditLines(stripped, sha256, { key: KEY })).toEqual({
      ok: false,
      records: 0,
      line: 1,
      problem: AuditVerifyProblem.NOT_KEYED,
    });
    const kept = forgeChain(edited(keyed, 3), 'sha-keep-key-id');
    expect(await verifyAuditLines(kept, sha256, { key: KEY })).toMatchObject({
      ok: false,
      line: 2,
      problem: 'bad-mac',
    });
    const guessed = forgeChain(edited(keyed, 3), 'other-key');
    expect(await verifyAuditLines(guessed, sha256, { key: KEY })).toMatchObject({ ok: false, problem: 'bad-mac' });
  });

  it('detects an edited line that was left as it is at the next line', async () => {
    const lines = [...keyed];
    lines[4] = lines[4]!.replace('"a"', '"x"');
    expect(await verifyAuditLines(lines, sha256, { key: KEY })).toEqual({
      ok: false,
      records: 5,
      line: 6,
      problem: 'bad-mac',
    });
  });

  it('detects a cut tail with the anchor, and an edited last line', async () => {
    const cut = keyed.slice(0, 9);
    expect(await verifyAuditLines(cut, sha256, { key: KEY })).toMatchObject({ ok: true, records: 9 });
    expect(await verifyAuditLines(cut, sha256, { key: KEY, anchor })).toEqual({
      ok: false,
      records: 9,
      line: 10,
      problem: AuditVerifyProblem.TRUNCATED,
    });
    const lastEdited = [...keyed];
    lastEdited[11] = lastEdited[11]!.replace('123456', '654321');
    expect(await verifyAuditLines(lastEdited, sha256, { key: KEY, anchor })).toMatchObject({
      ok: false,
      line: 12,
      problem: AuditVerifyProblem.ANCHOR_MISMATCH,
    });
  });

  it('reports a wrong key, a missing key and a forged anchor with distinct codes', async () => {
    expect(await verifyAuditLines(keyed, sha256, { key: OTHER_KEY })).toMatchObject({
      ok: false,
      line: 1,
      problem: AuditVerifyProblem.WRONG_KEY,
    });
    expect(await verifyAuditLines(keyed, sha256, { key: OTHER_KEY, anchor })).toMatchObject({ problem: 'wrong-key' });
    expect(await verifyAuditLines(keyed, sha256)).toMatchObject({ ok: false, line: 1, problem: 'key-required' });
    const moved = { ...anchor, seq: 5 };
    expect(auditAnchorMacValid(KEY, moved)).toBe(false);
    expect(await verifyAuditLines(keyed, sha256, { key: KEY, anchor: moved })).toMatchObject({
      ok: false,
      line: 6,
      problem: AuditVerifyProblem.ANCHOR_BAD_MAC,
    });
  });

  it('accepts an unkeyed prefix only up to keyedFrom', async () => {
    const upgraded = buildLog(records, KEY, 4);
    expect(await verifyAuditLines(upgraded, sha256, { key: KEY, keyedFrom: 4 })).toMatchObject({
      ok: true,
      keyedFrom: 4,
    });
    expect(await verifyAuditLines(upgraded, sha256, { key: KEY, anchor: anchorOf(upgraded, KEY, 4) })).toMatchObject({
      ok: true,
    });
    expect(await verifyAuditLines(upgraded, sha256, { key: KEY })).toMatchObject({
      ok: false,
      line: 1,
      problem: 'not-keyed',
    });
  });
});

describe('audit keys and anchors', () => {
  it('reads hex and base64 keys of at least 32 bytes', () => {
    const hex = '07'.repeat(32);
    expect(parseAuditKey(`${hex}\n`).id).toBe(KEY.id);
    expect(parseAuditKey(Buffer.alloc(32, 7).toString('base64')).id).toBe(KEY.id);
    expect(KEY.id).toMatch(/^[0-9a-f]{16}$/);
    expect(KEY.id).not.toBe(OTHER_KEY.id);
    for (const bad of ['07'.repeat(31), 'not a key', '', Buffer.alloc(16).toString('base64')]) {
      expect(() => parseAuditKey(bad)).toThrow(expect.objectContaining({ code: SessionErrorCode.AUDIT_KEY_INVALID }));
    }
    expect(() => new AuditKey(new Uint8Array(31))).toThrow(
      expect.objectContaining({ name: 'AuditError', code: 'SESSION_AUDIT_KEY_INVALID' }),
    );
  });

  it('round-trips an anchor and refuses malformed ones', () => {
    expect(parseAuditAnchor(formatAuditAnchor(anchor))).toEqual(anchor);
    expect(auditAnchorMacValid(KEY, anchor)).toBe(true);
    expect(auditAnchorMacValid(OTHER_KEY, anchor)).toBe(false);
    const text = formatAuditAnchor(anchor);
    for (const bad of [
      '',
      'null',
      '[]',
      text.replace('"seq":11', '"seq":-1'),
      text.replace(/"mac":"[0-9a-f]+"/, '"mac":"x"'),
    ]) {
      expect(() => parseAuditAnchor(bad)).toThrow(
        expect.objectContaining({ code: SessionErrorCode.AUDIT_ANCHOR_INVALID }),
      );
    }
  });
});
