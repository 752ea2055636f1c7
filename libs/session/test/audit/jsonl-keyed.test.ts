import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  openJsonlAuditStore,
  readAuditAnchorFile,
  readAuditKeyFile,
  verifyJsonlAuditFile,
} from '../../src/audit-jsonl';
import { type AuditAnchor, SessionErrorCode } from '../../src/index';
import { appendThenKill } from './fixtures/append-then-kill';
import { KEY, OTHER_KEY } from './fixtures/keyed-log';
import { sessionRecords } from './fixtures/records';

const dir = mkdtempSync(join(tmpdir(), 'fernhilfe-audit-keyed-'));
let fileCounter = 0;
const freshPath = () => join(dir, `audit-${fileCounter++}.jsonl`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function writeKeyedLog(path: string, sessions: string[]): Promise<AuditAnchor[]> {
  const anchors: AuditAnchor[] = [];
  const store = await openJsonlAuditStore(path, { key: KEY, onAnchor: (anchor) => anchors.push(anchor) });
  for (const id of sessions) for (const record of sessionRecords(id, 0)) await store.append(record);
  await store.close();
  return anchors;
}

describe('openJsonlAuditStore with a key', () => {
  it('writes keyed lines and an anchor on close that verify with the key', async () => {
    const path = freshPath();
    const anchors = await writeKeyedLog(path, ['k1', 'k2']);
    expect(anchors).toHaveLength(1);
    expect(anchors[0]).toMatchObject({ seq: 11, keyId: KEY.id, keyedFrom: 0 });
    const anchor = await readAuditAnchorFile(`${path}.anchor`);
    expect(anchor).toEqual(anchors[0]);
    expect(await verifyJsonlAuditFile(path, { key: KEY, anchor })).toMatchObject({ ok: true, records: 12 });
    expect(await verifyJsonlAuditFile(path)).toMatchObject({ ok: false, line: 1, problem: 'key-required' });
    const reopened = await openJsonlAuditStore(path, { key: KEY });
    await reopened.append(sessionRecords('k3', 0)[0]!);
    expect(await reopened.verify()).toMatchObject({ ok: true, records: 13 });
    await reopened.close();
  });

  it('refuses to open a log whose tail was cut, and verify names it truncated', async () => {
    const path = freshPath();
    await writeKeyedLog(path, ['t1', 't2']);
    const lines = readFileSync(path, 'utf8').split('\n');
    writeFileSync(path, `${lines.slice(0, 9).join('\n')}\n`);
    const anchor = await readAuditAnchorFile(`${path}.anchor`);
    expect(await verifyJsonlAuditFile(path, { key: KEY })).toMatchObject({ ok: true, records: 9 });
    expect(await verifyJsonlAuditFile(path, { key: KEY, anchor })).toEqual({
      ok: false,
      records: 9,
      line: 10,
      problem: 'truncated',
    });
    await expect(openJsonlAuditStore(path, { key: KEY })).rejects.toMatchObject({
      name: 'AuditError',
      code: SessionErrorCode.AUDIT_CHAIN_BROKEN,
    });
  });

  it('refuses a keyed log without its key or with another key, even when broken chains are allowed', async () => {
    const path = freshPath();
    await writeKeyedLog(path, ['w']);
    for (const options of [{}, { key: OTHER_KEY }, { key: OTHER_KEY, allowBrokenChain: true }]) {
      await expect(openJsonlAuditStore(path, options)).rejects.toMatchObject({
        code: SessionErrorCode.AUDIT_KEY_MISMATCH,
      });
    }
    expect(await verifyJsonlAuditFile(path, { key: OTHER_KEY })).toMatchObject({ ok: false, problem: 'wrong-key' });
  });

  it('continues an unkeyed log keyed and anchors where the key began', async () => {
    const path = freshPath();
    const plain = await openJsonlAuditStore(path);
    for (const record of sessionRecords('old', 0)) await plain.append(record);
    await plain.close();
    const store = await openJsonlAuditStore(path, { key: KEY });
    expect(store.anchor).toMatchObject({ seq: 5, keyedFrom: 6 });
    for (const record of sessionRecords('new', 0)) await store.append(record);
    await store.close();
    const anchor = await readAuditAnchorFile(`${path}.anchor`);
    expect(anchor).toMatchObject({ seq: 11, keyedFrom: 6 });
    expect(await verifyJsonlAuditFile(path, { key: KEY, anchor })).toMatchObject({ ok: true, keyedFrom: 6 });
    // Rewriting the keyed part without the key is caught even though the start is unkeyed.
    const lines = readFileSync(path, 'utf8').split('\n');
    writeFileSync(path, lines.map((line) => line.replace(/,"keyId":"[0-9a-f]+"/, '')).join('\n'));
    expect(await verifyJsonlAuditFile(path, { key: KEY, anchor })).toMatchObject({ ok: false, line: 7 });
  });

  it('anchors every anchorEveryRecords records, never beyond what is durable', async () => {
    const path = freshPath();
    const seen: { anchor: AuditAnchor; records: number }[] = [];
    const store = await openJsonlAuditStore(path, {
      key: KEY,
      anchorEveryRecords: 2,
      onAnchor: (anchor) => seen.push({ anchor, records: store.records }),
    });
    await Promise.all(sessionRecords('i', 0).map((record) => store.append(record)));
    for (const record of sessionRecords('j', 0)) await store.append(record);
    expect(seen.length).toBeGreaterThanOrEqual(3);
    for (const { anchor, records } of seen) expect(anchor.seq).toBeLessThan(records);
    const onDisk = await readAuditAnchorFile(`${path}.anchor`);
    expect(onDisk).toEqual(seen.at(-1)!.anchor);
    await store.close();
  });

  it('anchors after anchorIntervalMs have passed, by the injected clock', async () => {
    let now = Date.UTC(2026, 11, 3);
    const anchors: AuditAnchor[] = [];
    const store = await openJsonlAuditStore(freshPath(), {
      key: KEY,
      anchorIntervalMs: 60_000,
      clock: () => now,
      onAnchor: (anchor) => anchors.push(anchor),
    });
    const [first, second, third, fourth] = sessionRecords('clock', 0);
    await store.append(first!);
    await store.append(second!);
    expect(anchors).toEqual([]);
    now += 60_000;
    await store.append(third!);
    await store.append(fourth!);
    now += 1_000;
    await store.close();
    // One anchor after the flush that found the interval over, one on close.
    expect(anchors).toMatchObject([
      { seq: 2, at: new Date(now - 1_000).toISOString() },
      { seq: 3, at: new Date(now).toISOString() },
    ]);
  });

  it('refuses an unreadable anchor file with SESSION_AUDIT_ANCHOR_INVALID', async () => {
    const path = freshPath();
    await writeKeyedLog(path, ['g']);
    writeFileSync(`${path}.anchor`, '{"seq":');
    await expect(openJsonlAuditStore(path, { key: KEY })).rejects.toMatchObject({
      code: SessionErrorCode.AUDIT_ANCHOR_INVALID,
    });
  });

  it('keeps every acknowledged record and a valid anchor when a keyed writer is SIGKILLed', async () => {
    const path = freshPath();
    const keyFile = join(dir, 'crash.key');
    writeFileSync(keyFile, `${'07'.repeat(32)}\n`);
    const acked = await appendThenKill(path, 1_000, 150, keyFile);
    const store = await openJsonlAuditStore(path, { key: await readAuditKeyFile(keyFile) });
    const anchor = await readAuditAnchorFile(`${path}.anchor`);
    expect(anchor).toBeDefined();
    expect(await store.verify()).toMatchObject({ ok: true });
    const sessions = new Set(
      (await store.readByTimeRange(0, Date.now() + 1)).map((r) => 'sessionId' in r && r.sessionId),
    );
    for (const i of acked) expect(sessions.has(`crash-${i}`)).toBe(true);
    await store.close();
  }, 60_000);
});

describe('readAuditKeyFile', () => {
  it('loads a hex key and refuses missing, short and oversized files', async () => {
    const good = join(dir, 'good.key');
    writeFileSync(good, `${'07'.repeat(32)}\n`);
    expect((await readAuditKeyFile(good)).id).toBe(KEY.id);
    const short = join(dir, 'short.key');
    writeFileSync(short, '07'.repeat(16));
    const huge = join(dir, 'huge.key');
    writeFileSync(huge, '07'.repeat(4096));
    for (const path of [join(dir, 'missing.key'), short, huge]) {
      await expect(readAuditKeyFile(path)).rejects.toMatchObject({
        name: 'AuditError',
        code: SessionErrorCode.AUDIT_KEY_INVALID,
      });
    }
  });
});
