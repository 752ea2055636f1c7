import { describe, expect, it } from 'vitest';
import {
  AuditError,
  createMemoryAuditStore,
  type SessionCreatedRecord,
  SessionErrorCode,
  sha256Hex,
  verifyAuditLines,
} from '../../src/index';
import { agent, sessionRecords } from './fixtures/records';

describe('createMemoryAuditStore', () => {
  it('chains lines by the hash of the previous one and verifies', async () => {
    const store = createMemoryAuditStore();
    for (const record of sessionRecords('s1', Date.UTC(2026, 10, 28))) await store.append(record);
    expect(store.lines).toHaveLength(6);
    const first = JSON.parse(store.lines[0]!);
    expect(first).toMatchObject({ seq: 0, prev: '0'.repeat(64), type: 'session-created' });
    expect(JSON.parse(store.lines[1]!).prev).toBe(await sha256Hex(store.lines[0]!));
    expect(await store.verify()).toMatchObject({ ok: true, records: 6 });
  });

  it('keeps call order for concurrent appends', async () => {
    const store = createMemoryAuditStore();
    const records = Array.from({ length: 50 }, (_, i) => sessionRecords(`s${i}`, i)[0]!);
    await Promise.all(records.map((record) => store.append(record)));
    expect(store.lines.map((line) => JSON.parse(line).sessionId)).toEqual(
      records.map((r) => ('sessionId' in r ? r.sessionId : undefined)),
    );
    expect((await store.verify()).ok).toBe(true);
  });

  it('reads by session and by time range', async () => {
    const store = createMemoryAuditStore();
    const t = Date.UTC(2026, 0, 1);
    for (const record of [...sessionRecords('a', t), ...sessionRecords('b', t + 60_000)]) await store.append(record);
    expect((await store.readBySession('b')).map((r) => r.type)).toEqual([
      'session-created',
      'guest-joined',
      'consent-granted',
      'control-granted',
      'control-revoked',
      'session-ended',
    ]);
    const window = await store.readByTimeRange(t + 5_000, new Date(t + 61_001));
    expect(window.map((r) => r.seq)).toEqual([5, 6, 7]);
  });

  it('reports the first bad line of a tampered chain', async () => {
    const store = createMemoryAuditStore();
    for (const record of sessionRecords('s', 0)) await store.append(record);
    const lines = [...store.lines];
    lines[3] = lines[3]!.replace('"control-granted"', '"control-revoked"');
    expect(await verifyAuditLines(lines, sha256Hex)).toEqual({ ok: false, records: 4, line: 5, problem: 'wrong-prev' });
    lines[1] = '{oops';
    expect(await verifyAuditLines(lines, sha256Hex)).toMatchObject({ line: 2, problem: 'not-json' });
  });

  it('refuses invalid, oversized and post-close appends with typed errors', async () => {
    const store = createMemoryAuditStore({ maxRecordBytes: 400 });
    await expect(store.append({ type: 'nope' } as never)).rejects.toMatchObject({
      code: SessionErrorCode.AUDIT_INVALID_RECORD,
    });
    const big: SessionCreatedRecord = {
      ...(sessionRecords('s', 0)[0] as SessionCreatedRecord),
      agentAddress: 'x'.repeat(250),
    };
    await expect(store.append({ ...big, agent: { ...agent, name: 'y'.repeat(250) } })).rejects.toMatchObject({
      code: SessionErrorCode.AUDIT_RECORD_TOO_LARGE,
    });
    await store.append(sessionRecords('s', 0)[0]!);
    await store.close();
    const error = await store.append(sessionRecords('s', 0)[1]!).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuditError);
    expect(error).toMatchObject({ name: 'AuditError', code: SessionErrorCode.AUDIT_CLOSED });
    expect(store.lines).toHaveLength(1);
  });

  it('refuses records that set seq/prev or cannot be serialised', async () => {
    const store = createMemoryAuditStore();
    const record = sessionRecords('s', 0)[0]!;
    await expect(store.append({ ...record, seq: 99 } as never)).rejects.toMatchObject({
      code: SessionErrorCode.AUDIT_INVALID_RECORD,
    });
    await expect(store.append({ ...record, extra: 1n } as never)).rejects.toMatchObject({
      code: SessionErrorCode.AUDIT_INVALID_RECORD,
    });
    await store.append(record);
    expect(await store.verify()).toMatchObject({ ok: true, records: 1 });
  });
});
