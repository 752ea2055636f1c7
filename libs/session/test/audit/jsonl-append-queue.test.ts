import type { FileHandle } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { JsonlAppendQueue } from '../../src/audit/jsonl-append-queue';
import { SessionErrorCode } from '../../src/index';

/** A file handle that keeps what is written, or fails every write once `broken` is set. */
function fakeHandle() {
  const written: string[] = [];
  const state = { broken: false, datasyncs: 0 };
  const handle = {
    write: async (bytes: Uint8Array, offset: number, length: number) => {
      if (state.broken) throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
      written.push(Buffer.from(bytes.subarray(offset, offset + length)).toString('utf8'));
      return { bytesWritten: length };
    },
    datasync: async () => {
      state.datasyncs++;
    },
  } as unknown as FileHandle;
  return { handle, written, state };
}

const line = (text: string) => Buffer.from(`${text}\n`, 'utf8');

describe('JsonlAppendQueue', () => {
  it('writes concurrent appends in call order, sharing fsyncs with group commit', async () => {
    const { handle, written, state } = fakeHandle();
    const queue = new JsonlAppendQueue(handle, 'log', true, undefined, { size: 0, records: 0, lineHash: 'h0' });
    await Promise.all(['a', 'b', 'c'].map((text) => queue.push(line(text), `h-${text}`)));
    expect(written.join('')).toBe('a\nb\nc\n');
    expect(state.datasyncs).toBeLessThan(3);
    expect(queue.durable).toEqual({ size: 6, records: 3, lineHash: 'h-c' });
  });

  it('refuses the failed batch and everything pending with SESSION_AUDIT_WRITE_FAILED', async () => {
    const { handle, state } = fakeHandle();
    const queue = new JsonlAppendQueue(handle, 'log', false, undefined, { size: 0, records: 0, lineHash: 'h0' });
    await queue.push(line('kept'), 'h-kept');
    state.broken = true;
    const results = await Promise.allSettled([queue.push(line('x'), 'h-x'), queue.push(line('y'), 'h-y')]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(queue.failure?.code).toBe(SessionErrorCode.AUDIT_WRITE_FAILED);
    expect(queue.durable.records).toBe(1);
    await queue.idle();
  });
});
