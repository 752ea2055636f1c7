import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openJsonlAuditStore } from '../../src/audit-jsonl';
import { AuditError, SessionErrorCode } from '../../src/index';
import { sessionRecords } from './fixtures/records';

const dir = mkdtempSync(join(tmpdir(), 'fernhilfe-audit-lock-'));
let fileCounter = 0;
const freshPath = () => join(dir, `audit-${fileCounter++}.jsonl`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HOLDER = new URL('./fixtures/hold-child.ts', import.meta.url).pathname;

/** A second process holding the log open until killed. */
function holdInChild(path: string) {
  const child = spawn(process.execPath, ['--conditions=@fernhilfe/source', '--import', 'tsx', HOLDER, path], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const held = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('held') && resolve());
    child.once('exit', (code) => reject(new Error(`holder exited with ${code}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { child, held, exited };
}

async function refusal(path: string): Promise<AuditError> {
  const error = await openJsonlAuditStore(path).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AuditError);
  expect(error).toMatchObject({ code: SessionErrorCode.AUDIT_LOCKED });
  return error as AuditError;
}

describe('the audit log lock', () => {
  it('refuses a second process naming the holder, and replaces the lock once the holder was killed', async () => {
    const path = freshPath();
    const holder = holdInChild(path);
    try {
      await holder.held;
      const error = await refusal(path);
      expect(error.message).toContain(`pid ${holder.child.pid}`);
      expect(error.message).toContain('test-holder');
      expect(error.message).toContain(`${path}.lock`);
    } finally {
      holder.child.kill('SIGKILL');
      await holder.exited;
    }
    const store = await openJsonlAuditStore(path, { lockOwner: 'second' });
    expect(store.replacedLock).toMatchObject({ pid: holder.child.pid, owner: 'test-holder' });
    await store.close();
  }, 30_000);

  it('refuses a second open in the same process and releases the lock on close', async () => {
    const path = freshPath();
    const store = await openJsonlAuditStore(path, { lockOwner: 'first' });
    expect(JSON.parse(readFileSync(`${path}.lock`, 'utf8'))).toMatchObject({ pid: process.pid, owner: 'first' });
    await refusal(path);
    await store.append(sessionRecords('s', 0)[0]!);
    await store.close();
    expect(existsSync(`${path}.lock`)).toBe(false);
    const again = await openJsonlAuditStore(path);
    expect(again.replacedLock).toBeUndefined();
    expect(again.records).toBe(1);
    await again.close();
  });

  it('creates the log and its lock readable by the owner only', async () => {
    const path = freshPath();
    const store = await openJsonlAuditStore(path);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(`${path}.lock`).mode & 0o777).toBe(0o600);
    await store.close();
  });

  it('keeps a fresh lock of another host and replaces one not touched for a minute', async () => {
    const path = freshPath();
    const foreign = { pid: 1, host: 'elsewhere.invalid', since: '2026-12-03T00:00:00.000Z', owner: 'node-b', id: 'x' };
    writeFileSync(`${path}.lock`, JSON.stringify(foreign));
    expect((await refusal(path)).message).toContain('on host elsewhere.invalid');
    const old = new Date(Date.now() - 120_000);
    utimesSync(`${path}.lock`, old, old);
    const store = await openJsonlAuditStore(path);
    expect(store.replacedLock).toMatchObject({ host: 'elsewhere.invalid' });
    await store.close();
  });
});
