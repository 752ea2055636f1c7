import { chacha20poly1305 } from '@noble/ciphers/chacha.js';
import { describe, expect, it } from 'vitest';
import { CipherState, encodeNonce } from '../src/noise/cipher-state';
import { codeOf } from './handshake-pair';

describe('CipherState', () => {
  it('encodes nonces as 4 zero bytes and a 64-bit little-endian counter (Noise rev 34 §12.3)', () => {
    expect(Array.from(encodeNonce(0))).toEqual(new Array(12).fill(0));
    expect(Array.from(encodeNonce(1))).toEqual([0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
    expect(Array.from(encodeNonce(0x0102_0304))).toEqual([0, 0, 0, 0, 4, 3, 2, 1, 0, 0, 0, 0]);
    expect(Array.from(encodeNonce(2 ** 32))).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0]);
    expect(Array.from(encodeNonce(Number.MAX_SAFE_INTEGER))).toEqual([0, 0, 0, 0, 255, 255, 255, 255, 255, 255, 31, 0]);
  });

  it('passes data through unchanged while it has no key', () => {
    const state = new CipherState();
    expect(state.hasKey()).toBe(false);
    expect(state.encryptWithAd(new Uint8Array(0), Uint8Array.of(1, 2))).toEqual(Uint8Array.of(1, 2));
  });

  it('advances the counter per message, and not on a failed decrypt', () => {
    const key = new Uint8Array(32).fill(7);
    const sender = new CipherState(key);
    const receiver = new CipherState(key);
    const first = sender.encryptWithAd(new Uint8Array(0), Uint8Array.of(1));
    const second = sender.encryptWithAd(new Uint8Array(0), Uint8Array.of(2));
    expect(first).toEqual(chacha20poly1305(key, encodeNonce(0), new Uint8Array(0)).encrypt(Uint8Array.of(1)));
    expect(codeOf(() => receiver.decryptWithAd(new Uint8Array(0), second))).toBe('CRYPTO_DECRYPT_FAILED');
    expect(receiver.nonce).toBe(0);
    expect(receiver.decryptWithAd(new Uint8Array(0), first)).toEqual(Uint8Array.of(1));
    expect(receiver.decryptWithAd(new Uint8Array(0), second)).toEqual(Uint8Array.of(2));
    expect(receiver.nonce).toBe(2);
  });

  it('rekeys to ENCRYPT(k, 2^64 − 1, ε, zeros)[0..32] and keeps the counter', () => {
    const key = new Uint8Array(32).fill(9);
    const state = new CipherState(key);
    state.encryptWithAd(new Uint8Array(0), new Uint8Array(0));
    state.rekey();
    const maxNonce = Uint8Array.of(0, 0, 0, 0, 255, 255, 255, 255, 255, 255, 255, 255);
    const newKey = chacha20poly1305(key, maxNonce, new Uint8Array(0)).encrypt(new Uint8Array(32)).subarray(0, 32);
    expect(state.nonce).toBe(1);
    expect(state.encryptWithAd(new Uint8Array(0), Uint8Array.of(5))).toEqual(
      chacha20poly1305(newKey, encodeNonce(1), new Uint8Array(0)).encrypt(Uint8Array.of(5)),
    );
  });
});
