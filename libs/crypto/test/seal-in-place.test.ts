import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as browserAead from '../src/aead.browser';
import * as nodeAead from '../src/aead.node';
import { createSecureChannel, type SecureChannel } from '../src/channel';
import {
  createSealBuffer,
  createSealBufferPool,
  MAX_FRAME_LENGTH,
  MAX_PLAINTEXT_LENGTH,
  SEAL_OVERHEAD,
  sealBufferPlaintext,
} from '../src/index';
import { CipherState } from '../src/noise/cipher-state';
import { codeOf, connect } from './handshake-pair';

const key = fc.uint8Array({ minLength: 32, maxLength: 32 });

/** Two senders in the same state: same keys, same counters. */
function twinSenders(sendKey: Uint8Array, receiveKey: Uint8Array): [SecureChannel, SecureChannel] {
  const make = () =>
    createSecureChannel({ send: new CipherState(sendKey.slice()), receive: new CipherState(receiveKey.slice()) });
  return [make(), make()];
}

function filledFrame(plaintext: Uint8Array): Uint8Array {
  const frame = createSealBuffer(plaintext.length);
  sealBufferPlaintext(frame).set(plaintext);
  return frame;
}

describe('sealInPlace', () => {
  it('gives byte for byte the frame that seal gives, and encrypts inside the buffer it was handed', () => {
    fc.assert(
      fc.property(key, key, fc.array(fc.uint8Array({ maxLength: 3000 }), { maxLength: 8 }), (k1, k2, plaintexts) => {
        const [copying, inPlace] = twinSenders(k1, k2);
        for (const plaintext of plaintexts) {
          const frame = filledFrame(plaintext);
          const sealed = inPlace.sealInPlace(frame);
          expect(sealed).toBe(frame);
          expect(sealed).toEqual(copying.seal(plaintext));
        }
      }),
    );
  });

  it('interleaves with seal on one channel; the peer opens every frame in order', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.uint8Array({ maxLength: 2048 })), { maxLength: 20 }), (script) => {
        const { guest, viewer } = connect();
        for (const [inPlace, plaintext] of script) {
          const frame = inPlace ? guest.channel.sealInPlace(filledFrame(plaintext)) : guest.channel.seal(plaintext);
          const message = viewer.channel.open(frame);
          expect(message.kind === 'data' && message.plaintext).toEqual(plaintext);
        }
      }),
    );
  });

  it('takes the largest frame and refuses bigger, shorter or non-byte buffers without touching state or buffer', () => {
    const { guest, viewer } = connect();
    const tooBig = new Uint8Array(MAX_FRAME_LENGTH + 1).fill(7);
    expect(codeOf(() => guest.channel.sealInPlace(tooBig))).toBe('CRYPTO_MESSAGE_TOO_LARGE');
    expect(tooBig.every((byte) => byte === 7)).toBe(true);
    expect(codeOf(() => guest.channel.sealInPlace(new Uint8Array(SEAL_OVERHEAD - 1)))).toBe('CRYPTO_INVALID_ARGUMENT');
    expect(codeOf(() => guest.channel.sealInPlace([1, 2, 3] as unknown as Uint8Array))).toBe('CRYPTO_INVALID_ARGUMENT');
    const largest = filledFrame(new Uint8Array(MAX_PLAINTEXT_LENGTH).fill(9));
    const message = viewer.channel.open(guest.channel.sealInPlace(largest));
    expect(message.kind === 'data' && message.plaintext.every((byte) => byte === 9)).toBe(true);
    expect(guest.channel.isFailed).toBe(false);
  });

  it('refuses after close like seal does', () => {
    const { guest } = connect();
    guest.channel.close();
    expect(codeOf(() => guest.channel.sealInPlace(createSealBuffer(4)))).toBe('CRYPTO_CLOSED');
  });
});

describe('channel construction', () => {
  it('refuses cipher states without keys, which would pass plaintext through', () => {
    const keyed = new CipherState(new Uint8Array(32));
    expect(codeOf(() => createSecureChannel({ send: new CipherState(), receive: keyed }))).toBe(
      'CRYPTO_HANDSHAKE_STATE',
    );
    expect(codeOf(() => createSecureChannel({ send: keyed, receive: new CipherState() }))).toBe(
      'CRYPTO_HANDSHAKE_STATE',
    );
  });
});

describe('frame buffers', () => {
  it('have room for header and tag around a plaintext view, and own their ArrayBuffer', () => {
    for (const length of [0, 1, 1000, MAX_PLAINTEXT_LENGTH]) {
      const frame = createSealBuffer(length);
      expect([frame.length, frame.byteOffset, frame.buffer.byteLength]).toEqual([length + 18, 0, length + 18]);
      const view = sealBufferPlaintext(frame);
      expect([view.length, view.byteOffset, view.buffer]).toEqual([length, 2, frame.buffer]);
    }
  });

  it('start zero-filled, so an encoder that writes less never encrypts stale memory', () => {
    for (let round = 0; round < 2000; round++) {
      const frame = createSealBuffer(4096);
      expect(frame.every((byte) => byte === 0)).toBe(true);
      frame.fill(0xaa);
    }
    const pool = createSealBufferPool({ minPooledLength: 0 });
    expect(pool.acquire(MAX_PLAINTEXT_LENGTH).frame.every((byte) => byte === 0)).toBe(true);
  });

  it('refuse lengths that are too big, negative or not integers', () => {
    expect(codeOf(() => createSealBuffer(MAX_PLAINTEXT_LENGTH + 1))).toBe('CRYPTO_MESSAGE_TOO_LARGE');
    for (const bad of [-1, 1.5, Number.NaN, '4' as unknown as number]) {
      expect(codeOf(() => createSealBuffer(bad))).toBe('CRYPTO_INVALID_ARGUMENT');
    }
    expect(codeOf(() => sealBufferPlaintext(new Uint8Array(17)))).toBe('CRYPTO_INVALID_ARGUMENT');
  });
});

describe('#aead in place', () => {
  it('both back ends encrypt in place to the bytes they give into a separate output, and open them', () => {
    fc.assert(
      fc.property(
        key,
        fc.uint8Array({ minLength: 12, maxLength: 12 }),
        fc.uint8Array({ maxLength: 3000 }),
        (k, n, p) => {
          const ad = Uint8Array.of(1, 0x10);
          const expected = nodeAead.aeadSeal(k, n, ad, p);
          for (const aead of [nodeAead, browserAead]) {
            const buffer = new Uint8Array(p.length + 16);
            buffer.set(p);
            aead.aeadSeal(k, n, ad, buffer.subarray(0, p.length), buffer);
            expect(buffer).toEqual(expected);
            expect(aead.aeadOpen(k, n, ad, buffer)).toEqual(p);
          }
        },
      ),
    );
  });
});

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
