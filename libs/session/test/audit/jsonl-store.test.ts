import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type AuditRecovery, openJsonlAuditStore } from '../../src/audit-jsonl';
import { AuditError, closeInterruptedSessions, type SessionCreatedRecord, SessionErrorCode } from '../../src/index';
import { appendThenKill } from './fixtures/append-then-kill';
import { sessionRecords } from './fixtures/records';

const dir = mkdtempSync(join(tmpdir(), 'fernhilfe-audit-'));
let fileCounter = 0;
const freshPath = () => join(dir, `audit-${fileCounter++}.jsonl`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('openJsonlAuditStore', () => {
  it('appends fsynced lines that form a verifiable chain, and reopens to continue it', async () => {
    const path = freshPath();
    const store = await openJsonlAuditStore(path);
    const records = sessionRecords('s1', Date.UTC(2026, 10, 28));
    for (const record of records.slice(0, 3)) await store.append(record);
    await store.close();
    const reopened = await openJsonlAuditStore(path);
    expect(reopened.recovery).toBeUndefined();
    expect(reopened.records).toBe(3);
    for (const record of records.slice(3)) await reopened.append(record);
    expect(await reopened.verify()).toMatchObject({ ok: true, records: 6 });
    expect((await reopened.readBySession('s1')).map((r) => r.seq)).toEqual([0, 1, 2, 3, 4, 5]);
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines).toHaveLength(7);
    expect(lines[6]).toBe('');
    await reopened.close();
  });

  it('serialises concurrent appends into whole lines, in call order, with and without group commit', async () => {
    for (const groupCommit of [true, false]) {
      const path = freshPath();
      const store = await openJsonlAuditStore(path, { groupCommit });
      const records = Array.from({ length: 200 }, (_, i) => sessionRecords(`c${i}`, i)[0]!);
      await Promise.all(records.map((record) => store.append(record)));
      expect(await store.verify()).toMatchObject({ ok: true, records: 200 });
      const ids = readFileSync(path, 'utf8')
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line).sessionId);
      expect(ids).toEqual(records.map((_, i) => `c${i}`));
      await store.close();
    }
  });

  it('reads by session and by time range', async () => {
    const store = await openJsonlAuditStore(freshPath());
    const t = Date.UTC(2026, 0, 1);
    for (const record of [...sessionRecords('a', t), ...sessionRecords('b', t + 60_000)]) await store.append(record);
    expect(await store.readBySession('b')).toHaveLength(6);
    expect((await store.readByTimeRange(t + 5_000, t + 61_001)).map((r) => r.seq)).toEqual([5, 6, 7]);
    await store.close();
  });

  it('keeps every acknowledged record when the writer is SIGKILLed mid-run', async () => {
    const path = freshPath();
    const acked = await appendThenKill(path, 1_000, 150);
    expect(acked.size).toBeGreaterThanOrEqual(150);
    const recoveries: AuditRecovery[] = [];
    const store = await openJsonlAuditStore(path, { onRecovery: (r) => recoveries.push(r) });
    expect(await store.verify()).toMatchObject({ ok: true });
    const present = new Set(
      (await store.readByTimeRange(0, Number.MAX_SAFE_INTEGER)).map((r) =>
        Number('sessionId' in r ? r.sessionId.slice(6) : -1),
      ),
    );
    for (const i of acked) expect(present.has(i)).toBe(true);
    expect(present.size).toBeLessThan(1_000);
    // A partial line is possible but not guaranteed; if there was one it is reported and kept.
    expect(recoveries).toEqual(store.recovery === undefined ? [] : [store.recovery]);
    await store.append(sessionRecords('after-crash', 0)[0]!);
    expect((await store.verify()).ok).toBe(true);
    await store.close();
  }, 60_000);

  it('reports a partial last line, keeps it aside and continues the chain', async () => {
    const path = freshPath();
    const store = await openJsonlAuditStore(path);
    for (const record of sessionRecords('p', 0)) await store.append(record);
    await store.close();
    const garbage = '{"seq":6,"prev":"ab';
    appendFileSync(path, garbage);
    const recoveries: AuditRecovery[] = [];
    const reopened = await openJsonlAuditStore(path, { onRecovery: (r) => recoveries.push(r), clock: () => 0 });
    expect(recoveries).toHaveLength(1);
    expect(reopened.recovery).toEqual({
      line: 7,
      bytes: garbage.length,
      keptAt: `${path}.partial-1970-01-01T00-00-00-000Z`,
    });
    expect(readFileSync(reopened.recovery!.keptAt, 'utf8')).toBe(garbage);
    expect(readFileSync(path, 'utf8').endsWith('}\n')).toBe(true);
    await reopened.append(sessionRecords('q', 0)[0]!);
    expect(await reopened.verify()).toMatchObject({ ok: true, records: 7 });
    await reopened.close();

    // A second crash at the same instant does not overwrite the first kept file.
    appendFileSync(path, 'xyz');
    const again = await openJsonlAuditStore(path, { clock: () => 0 });
    expect(again.recovery?.keptAt).toBe(`${path}.partial-1970-01-01T00-00-00-000Z-1`);
    expect(readdirSync(dir).filter((name) => name.includes('.partial-')).length).toBeGreaterThanOrEqual(2);
    await again.close();
  });

  it('refuses to open a broken chain unless allowed, and verify() names the first bad line', async () => {
    const path = freshPath();
    const store = await openJsonlAuditStore(path);
    for (const record of sessionRecords('t', 0)) await store.append(record);
    await store.close();
    const lines = readFileSync(path, 'utf8').split('\n');
    lines[2] = lines[2]!.replace('"view"', '"control"');
    writeFileSync(path, lines.join('\n'));
    const error = await openJsonlAuditStore(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuditError);
    expect(error).toMatchObject({ code: SessionErrorCode.AUDIT_CHAIN_BROKEN });
    const tolerant = await openJsonlAuditStore(path, { allowBrokenChain: true });
    expect(tolerant.brokenChain).toEqual({ ok: false, records: 3, line: 4, problem: 'wrong-prev' });
    await tolerant.append(sessionRecords('u', 0)[0]!);
    expect(await tolerant.verify()).toEqual({ ok: false, records: 3, line: 4, problem: 'wrong-prev' });
    expect(tolerant.records).toBe(7);
    await tolerant.close();
  });

  it('refuses appends and reads after close with SESSION_AUDIT_CLOSED', async () => {
    const store = await openJsonlAuditStore(freshPath());
    const pending = store.append(sessionRecords('z', 0)[0]!);
    await store.close();
    await expect(pending).resolves.toBeUndefined();
    await expect(store.append(sessionRecords('z', 0)[1]!)).rejects.toMatchObject({
      name: 'AuditError',
      code: SessionErrorCode.AUDIT_CLOSED,
    });
    await expect(store.verify()).rejects.toMatchObject({ code: SessionErrorCode.AUDIT_CLOSED });
    await expect(store.close()).resolves.toBeUndefined();
  });

  it('closes sessions left open by a crash as interrupted after reopening', async () => {
    const path = freshPath();
    const store = await openJsonlAuditStore(path);
    const [created, joined] = sessionRecords('open-at-crash', 0);
    await store.append(created!);
    await store.append(joined!);
    for (const record of sessionRecords('finished', 0)) await store.append(record);
    await store.close(); // stands in for the crashed process: it no longer holds the lock
    appendFileSync(path, '{"seq":9,"pr'); // the crash cut a write short
    const reopened = await openJsonlAuditStore(path);
    expect(reopened.recovery?.line).toBe(9);
    const closed = await closeInterruptedSessions(reopened);
    expect(closed.map((r) => r.sessionId)).toEqual(['open-at-crash']);
    expect((await reopened.readBySession('open-at-crash')).at(-1)).toMatchObject({
      type: 'session-ended',
      reason: 'interrupted',
      seq: 8,
    });
    expect(await reopened.verify()).toMatchObject({ ok: true, records: 9 });
    await reopened.close();
  });

  it('fails to open in a missing directory with SESSION_AUDIT_OPEN_FAILED', async () => {
    const error = await openJsonlAuditStore(join(dir, 'missing', 'audit.jsonl')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuditError);
    expect(error).toMatchObject({ code: SessionErrorCode.AUDIT_OPEN_FAILED });
  });

  it('refuses invalid and oversized records without touching the chain', async () => {
    const store = await openJsonlAuditStore(freshPath(), { maxRecordBytes: 300 });
    await expect(store.append({ type: 'session-ended' } as never)).rejects.toMatchObject({
      code: SessionErrorCode.AUDIT_INVALID_RECORD,
    });
    const record = sessionRecords('v', 0)[0] as SessionCreatedRecord;
    await expect(store.append({ ...record, agentAddress: 'x'.repeat(250) })).rejects.toMatchObject({
      code: SessionErrorCode.AUDIT_RECORD_TOO_LARGE,
    });
    await store.append(record);
    expect(await store.verify()).toMatchObject({ ok: true, records: 1 });
    await store.close();
  });
});
