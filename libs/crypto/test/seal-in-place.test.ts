import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as browserAead from '../src/aead.browser';
import * as nodeAead from '../src/aead.node';
import { createSecureChannel, type SecureChannel } from '../src/channel';
import {
  createSealBuffer,
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
