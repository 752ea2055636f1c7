import { describe, expect, it } from 'vitest';
import { createSealBuffer, createSealBufferPool, MAX_PLAINTEXT_LENGTH, sealBufferPlaintext } from '../src/index';
import { codeOf } from './handshake-pair';

describe('seal buffers', () => {
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
