import { createCipheriv } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as browserAead from '../src/aead.browser';
import * as nodeAead from '../src/aead.node';

const key = fc.uint8Array({ minLength: 32, maxLength: 32 });
const nonce = fc.uint8Array({ minLength: 12, maxLength: 12 });

function rawNodeSeal(k: Uint8Array, n: Uint8Array, ad: Uint8Array, plaintext: Uint8Array): Uint8Array {
  const cipher = createCipheriv('chacha20-poly1305', k, n, { authTagLength: 16 });
  cipher.setAAD(ad, { plaintextLength: plaintext.length });
  return Uint8Array.from(Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]));
}

describe('#aead: node:crypto fast path and noble are byte-identical', () => {
  it('seal gives the same bytes as raw node:crypto for random keys, nonces, associated data and lengths', () => {
    fc.assert(
      fc.property(key, nonce, fc.uint8Array({ maxLength: 64 }), fc.uint8Array({ maxLength: 3000 }), (k, n, ad, p) => {
        const expected = rawNodeSeal(k, n, ad, p);
        expect(nodeAead.aeadSeal(k, n, ad, p)).toEqual(expected);
        expect(browserAead.aeadSeal(k, n, ad, p)).toEqual(expected);
        expect(nodeAead.aeadOpen(k, n, ad, expected)).toEqual(p);
        expect(browserAead.aeadOpen(k, n, ad, expected)).toEqual(p);
      }),
    );
  });

  it('both refuse any single altered byte and too-short input', () => {
    fc.assert(
      fc.property(
        key,
        nonce,
        fc.uint8Array({ maxLength: 200 }),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (k, n, p, at, x) => {
          const sealed = nodeAead.aeadSeal(k, n, new Uint8Array(0), p);
          const index = at % sealed.length;
          sealed[index] = (sealed[index] as number) ^ x;
          expect(nodeAead.aeadOpen(k, n, new Uint8Array(0), sealed)).toBeUndefined();
          expect(browserAead.aeadOpen(k, n, new Uint8Array(0), sealed)).toBeUndefined();
          expect(nodeAead.aeadOpen(k, n, new Uint8Array(0), sealed.subarray(0, 15))).toBeUndefined();
          expect(browserAead.aeadOpen(k, n, new Uint8Array(0), sealed.subarray(0, 15))).toBeUndefined();
        },
      ),
    );
  });

  it('write into a caller-provided view of a larger frame', () => {
    const k = new Uint8Array(32).fill(1);
    const n = new Uint8Array(12);
    const p = new Uint8Array(100).fill(2);
    for (const aead of [nodeAead, browserAead]) {
      const frame = new Uint8Array(2 + 116);
      const view = aead.aeadSeal(k, n, new Uint8Array(0), p, frame.subarray(2));
      expect(view.buffer).toBe(frame.buffer);
      expect(frame.subarray(2)).toEqual(rawNodeSeal(k, n, new Uint8Array(0), p));
    }
  });

  it('allocate frames that own their whole ArrayBuffer (never a slice of a shared pool)', () => {
    for (const aead of [nodeAead, browserAead]) {
      for (const length of [0, 18, 100, 5000]) {
        const frame = aead.allocateFrame(length);
        expect(frame).toBeInstanceOf(Uint8Array);
        expect([frame.byteOffset, frame.buffer.byteLength, frame.length]).toEqual([0, length, length]);
      }
    }
  });
});
