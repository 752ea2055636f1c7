import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSealBufferPool, MAX_FRAME_LENGTH, MAX_PLAINTEXT_LENGTH } from '../src/index';
import { codeOf } from './handshake-pair';

describe('SealBufferPool', () => {
  it('hands a released buffer to the next large frame, and a fresh one while all are leased', () => {
    const pool = createSealBufferPool({ maxFree: 2 });
    const first = pool.acquire(50_000);
    expect(first.frame.length).toBe(50_018);
    const second = pool.acquire(60_000);
    expect(second.frame.buffer).not.toBe(first.frame.buffer);
    first.release();
    first.release();
    expect(pool.free).toBe(1);
    const third = pool.acquire(MAX_PLAINTEXT_LENGTH);
    expect([third.frame.buffer, third.frame.length]).toEqual([first.frame.buffer, MAX_FRAME_LENGTH]);
    expect(pool.free).toBe(0);
    const fourth = pool.acquire(5000);
    expect(fourth.frame.buffer).not.toBe(third.frame.buffer);
    expect(fourth.frame.buffer).not.toBe(second.frame.buffer);
  });

  it('keeps at most maxFree buffers, and never pools frames below the threshold', () => {
    const pool = createSealBufferPool({ maxFree: 1, minPooledLength: 100 });
    const leases = [pool.acquire(100), pool.acquire(200), pool.acquire(300)];
    for (const lease of leases) lease.release();
    expect(pool.free).toBe(1);
    const small = pool.acquire(99);
    expect([small.frame.length, small.frame.buffer.byteLength]).toEqual([117, 117]);
    small.release();
    expect(pool.free).toBe(1);
  });

  it('gives a lease out once at a time: a stale second release cannot free a buffer someone else holds', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.nat(9)), { maxLength: 60 }), (script) => {
        const pool = createSealBufferPool({ maxFree: 3, minPooledLength: 0 });
        const held: Array<ReturnType<typeof pool.acquire>> = [];
        const released: Array<ReturnType<typeof pool.acquire>> = [];
        for (const [acquire, pick] of script) {
          if (acquire || held.length === 0) {
            const lease = pool.acquire(1000);
            expect(held.some((other) => other.frame.buffer === lease.frame.buffer)).toBe(false);
            held.push(lease);
          } else {
            const [lease] = held.splice(pick % held.length, 1);
            lease?.release();
            if (lease) released.push(lease);
          }
          // Stale releases of earlier leases change nothing.
          for (const stale of released) stale.release();
        }
      }),
    );
  });

  it('refuses bad lengths and options', () => {
    const pool = createSealBufferPool();
    expect(codeOf(() => pool.acquire(MAX_PLAINTEXT_LENGTH + 1))).toBe('CRYPTO_MESSAGE_TOO_LARGE');
    expect(codeOf(() => pool.acquire(-1))).toBe('CRYPTO_INVALID_ARGUMENT');
    expect(codeOf(() => createSealBufferPool({ maxFree: -1 }))).toBe('CRYPTO_INVALID_ARGUMENT');
    expect(codeOf(() => createSealBufferPool({ minPooledLength: 0.5 }))).toBe('CRYPTO_INVALID_ARGUMENT');
  });
});
