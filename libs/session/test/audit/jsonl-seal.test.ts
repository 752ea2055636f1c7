import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkSealLink, openJsonlAuditStore, sealJsonlAuditFile, verifyJsonlAuditFile } from '../../src/audit-jsonl';
import { AuditError, closeInterruptedSessions, SessionErrorCode, sha256Hex } from '../../src/index';
import { KEY, OTHER_KEY } from './fixtures/keyed-log';
import { sessionRecords } from './fixtures/records';

const dir = mkdtempSync(join(tmpdir(), 'fernhilfe-audit-seal-'));
let fileCounter = 0;
const freshPath = () => join(dir, `audit-${fileCounter++}.jsonl`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A log of three sessions with its fourth line removed (`wrong-seq` at line 4): the good part leaves session `a` open. */
async function brokenLog(path: string): Promise<string[]> {
  const store = await openJsonlAuditStore(path);
  for (const record of [...sessionRecords('a', 0), ...sessionRecords('b', 1)]) await store.append(record);
  const [created] = sessionRecords('open', 2);
  await store.append(created!);
  await store.close();
  const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
  const broken = [...lines.slice(0, 3), ...lines.slice(4)];
  writeFileSync(path, `${broken.join('\n')}\n`);
  return broken;
}

describe('sealJsonlAuditFile', () => {
  it('keeps the broken log unchanged and read-only, and starts a new chain naming its last good line', async () => {
    const path = freshPath();
    const lines = await brokenLog(path);
    expect(await verifyJsonlAuditFile(path)).toMatchObject({ ok: false, problem: 'wrong-seq', line: 4 });
    const before = readFileSync(path, 'utf8');
    const result = await sealJsonlAuditFile(path, { clock: () => Date.UTC(2026, 11, 3, 12) });
    expect(result.sealedPath).toBe(`${path}.sealed-2026-12-03T12-00-00-000Z`);
    expect(readFileSync(result.sealedPath, 'utf8')).toBe(before);
    expect(statSync(result.sealedPath).mode & 0o777).toBe(0o400);
    expect(result.continued).toMatchObject({
      type: 'chain-continued',
      sealedRecords: 3,
      sealedLastHash: sha256Hex(lines[2]!),
      problem: 'wrong-seq',
      problemLine: 4,
    });
    expect(result.interrupted).toBe(1);
    expect(await verifyJsonlAuditFile(path)).toMatchObject({ ok: true, records: 2 });
    expect(await checkSealLink(path)).toMatchObject({ sealed: 'matches' });
    const reopened = await openJsonlAuditStore(path);
    expect(await closeInterruptedSessions(reopened)).toEqual([]);
    expect((await reopened.readBySession('a')).at(-1)).toMatchObject({ reason: 'interrupted', seq: 1 });
    await reopened.close();
  });

  it('seals a keyed log with its key, moves its anchor along and keys the new log', async () => {
    const path = freshPath();
    const store = await openJsonlAuditStore(path, { key: KEY });
    for (const record of sessionRecords('k', 0)) await store.append(record);
    await store.close();
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    writeFileSync(path, `${[...lines.slice(0, 2), ...lines.slice(3)].join('\n')}\n`);
    expect(await sealJsonlAuditFile(path, { key: OTHER_KEY }).catch((e: unknown) => e)).toMatchObject({
      code: SessionErrorCode.AUDIT_KEY_MISMATCH,
    });
    const { sealedPath, continued } = await sealJsonlAuditFile(path, { key: KEY });
    expect(continued).toMatchObject({ sealedRecords: 2, problem: 'wrong-seq', problemLine: 3 });
    expect(readFileSync(`${sealedPath}.anchor`, 'utf8')).toContain('"seq":5');
    expect(await verifyJsonlAuditFile(path, { key: KEY })).toMatchObject({ ok: true, records: 2, keyedFrom: 0 });
    const reopened = await openJsonlAuditStore(path, { key: KEY });
    await reopened.append(sessionRecords('after', 0)[0]!);
    expect(await reopened.verify()).toMatchObject({ ok: true, records: 3 });
    await reopened.close();
  });

  it('notices when the sealed file was changed afterwards', async () => {
    const path = freshPath();
    await brokenLog(path);
    const { sealedPath } = await sealJsonlAuditFile(path);
    rmSync(sealedPath, { force: true });
    writeFileSync(sealedPath, 'rewritten\n');
    expect(await checkSealLink(path)).toMatchObject({ sealed: 'differs' });
    rmSync(sealedPath);
    expect(await checkSealLink(path)).toMatchObject({ sealed: 'missing' });
  });

  it('refuses an intact log and a log a relay holds', async () => {
    const path = freshPath();
    const store = await openJsonlAuditStore(path);
    await store.append(sessionRecords('c', 0)[0]!);
    const held = await sealJsonlAuditFile(path).catch((e: unknown) => e);
    expect(held).toBeInstanceOf(AuditError);
    expect(held).toMatchObject({ code: SessionErrorCode.AUDIT_LOCKED });
    await store.close();
    expect(await sealJsonlAuditFile(path).catch((e: unknown) => e)).toMatchObject({
      code: SessionErrorCode.AUDIT_CHAIN_INTACT,
    });
  });
});
