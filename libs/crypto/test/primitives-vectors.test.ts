import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import * as browserAead from '../src/aead.browser';
import * as nodeAead from '../src/aead.node';
import { CryptoError } from '../src/errors';
import { dh, keyPairFromSecret } from '../src/noise/dh';
import { noiseHkdf } from '../src/noise/hash';
import { hex, readVectors, toHex } from './read-vectors';

const AEADS = [
  ['node:crypto', nodeAead],
  ['noble', browserAead],
] as const;

function dhWithSecret(secret: string, publicKey: string): Uint8Array {
  return dh({ secretKey: hex(secret), publicKey: new Uint8Array(32) }, hex(publicKey));
}

describe('RFC 7748 X25519', () => {
  const rfc = readVectors<{
    scalarMult: { id: string; scalar: string; u: string; output: string }[];
    iterated: { start: string; results: { iterations: number; k: string; slow?: boolean }[] };
    diffieHellman: Record<string, string>;
  }>('rfc/rfc7748_x25519.json');

  it.each(rfc.scalarMult.map((v) => [v.id, v] as const))('%s', (_id, vector) => {
    expect(toHex(dhWithSecret(vector.scalar, vector.u))).toBe(vector.output);
  });

  it('iterated ladder (1 and 1000 rounds)', () => {
    let k = hex(rfc.iterated.start);
    let u = hex(rfc.iterated.start);
    let done = 0;
    for (const result of rfc.iterated.results.filter((r) => !r.slow)) {
      for (; done < result.iterations; done++) {
        const next = dh({ secretKey: k, publicKey: new Uint8Array(32) }, u);
        u = k;
        k = next;
      }
      expect(toHex(k)).toBe(result.k);
    }
  });

  it('§6.1 Diffie-Hellman', () => {
    const v = rfc.diffieHellman as Record<string, string>;
    const alice = keyPairFromSecret(hex(v.alicePrivate as string));
    const bob = keyPairFromSecret(hex(v.bobPrivate as string));
    expect(toHex(alice.publicKey)).toBe(v.alicePublic);
    expect(toHex(bob.publicKey)).toBe(v.bobPublic);
    expect(toHex(dh(alice, bob.publicKey))).toBe(v.sharedSecret);
    expect(toHex(dh(bob, alice.publicKey))).toBe(v.sharedSecret);
  });
});

describe('Wycheproof x25519', () => {
  interface XdhTest {
    tcId: number;
    flags: string[];
    public: string;
    private: string;
    shared: string;
    result: 'valid' | 'acceptable' | 'invalid';
  }
  const tests = readVectors<{ testGroups: { tests: XdhTest[] }[] }>('wycheproof/x25519_test.json').testGroups.flatMap(
    (group) => group.tests,
  );

  it('has the 518 published cases', () => {
    expect(tests.length).toBe(518);
  });

  it('computes every valid case, and for acceptable ones either computes or rejects with a typed error', () => {
    for (const test of tests) {
      let shared: string | undefined;
      let error: unknown;
      try {
        shared = toHex(dhWithSecret(test.private, test.public));
      } catch (caught) {
        error = caught;
      }
      if (test.result === 'valid') {
        expect(error, `tcId ${test.tcId}`).toBeUndefined();
        expect(shared, `tcId ${test.tcId}`).toBe(test.shared);
      } else if (test.flags.includes('ZeroSharedSecret')) {
        // "acceptable" lets an implementation compute zero or refuse; the channel must refuse.
        expect(error, `tcId ${test.tcId}`).toBeInstanceOf(CryptoError);
        expect((error as CryptoError).code).toBe('CRYPTO_LOW_ORDER_KEY');
      } else if (test.result === 'acceptable') {
        if (error === undefined) expect(shared, `tcId ${test.tcId}`).toBe(test.shared);
        else expect(error, `tcId ${test.tcId}`).toBeInstanceOf(CryptoError);
      } else {
        expect(error, `tcId ${test.tcId}`).toBeInstanceOf(CryptoError);
      }
    }
  });
});

describe.each(AEADS)('ChaCha20-Poly1305 via %s', (_name, aead) => {
  const rfc = readVectors<{
    tests: {
      id: string;
      key: string;
      nonce: string;
      aad: string;
      plaintext: string;
      ciphertext: string;
      tag: string;
    }[];
  }>('rfc/rfc8439_chacha20poly1305_aead.json');

  it.each(rfc.tests.map((v) => [v.id, v] as const))('RFC 8439 %s', (_id, v) => {
    const sealed = aead.aeadSeal(hex(v.key), hex(v.nonce), hex(v.aad), hex(v.plaintext));
    expect(toHex(sealed)).toBe(v.ciphertext + v.tag);
    expect(toHex(aead.aeadOpen(hex(v.key), hex(v.nonce), hex(v.aad), sealed) ?? new Uint8Array())).toBe(v.plaintext);
  });

  interface AeadTest {
    tcId: number;
    key: string;
    iv: string;
    aad: string;
    msg: string;
    ct: string;
    tag: string;
    result: string;
    flags: string[];
  }
  const wycheproof = readVectors<{ testGroups: { ivSize: number; tests: AeadTest[] }[] }>(
    'wycheproof/chacha20_poly1305_test.json',
  );
  // The channel only ever builds 96-bit nonces; groups with other sizes test an input it never gives.
  const tests = wycheproof.testGroups.filter((group) => group.ivSize === 96).flatMap((group) => group.tests);

  it('Wycheproof chacha20_poly1305 (96-bit nonces)', () => {
    expect(tests.length).toBeGreaterThan(300);
    for (const t of tests) {
      const opened = aead.aeadOpen(hex(t.key), hex(t.iv), hex(t.aad), hex(t.ct + t.tag));
      if (t.result === 'valid') {
        expect(toHex(opened ?? new Uint8Array([1])), `tcId ${t.tcId}`).toBe(t.msg);
        expect(toHex(aead.aeadSeal(hex(t.key), hex(t.iv), hex(t.aad), hex(t.msg))), `tcId ${t.tcId}`).toBe(
          t.ct + t.tag,
        );
      } else {
        expect(opened, `tcId ${t.tcId}`).toBeUndefined();
      }
    }
  });
});

describe('HKDF-SHA256', () => {
  interface HkdfTest {
    tcId: number;
    ikm: string;
    salt: string;
    info: string;
    size: number;
    okm: string;
    result: string;
  }
  const tests = readVectors<{ testGroups: { tests: HkdfTest[] }[] }>(
    'wycheproof/hkdf_sha256_test.json',
  ).testGroups.flatMap((group) => group.tests);

  it('Wycheproof hkdf_sha256 through the HKDF the security code uses', () => {
    expect(tests.length).toBe(86);
    for (const t of tests) {
      if (t.result === 'valid') {
        expect(toHex(hkdf(sha256, hex(t.ikm), hex(t.salt), hex(t.info), t.size)), `tcId ${t.tcId}`).toBe(t.okm);
      } else {
        expect(() => hkdf(sha256, hex(t.ikm), hex(t.salt), hex(t.info), t.size), `tcId ${t.tcId}`).toThrow();
      }
    }
  });

  it('Noise HKDF equals RFC 5869 HKDF with salt = chaining key and empty info (Wycheproof cases with empty info)', () => {
    const emptyInfo = tests.filter((t) => t.result === 'valid' && t.info === '' && t.size <= 96);
    expect(emptyInfo.length).toBeGreaterThan(5);
    for (const t of emptyInfo) {
      const expected = toHex(hkdf(sha256, hex(t.ikm), hex(t.salt), new Uint8Array(0), 96));
      expect(expected.startsWith(t.okm), `tcId ${t.tcId}`).toBe(true);
      expect(noiseHkdf(hex(t.salt), hex(t.ikm), 3).map(toHex).join('')).toBe(expected);
    }
  });
});
