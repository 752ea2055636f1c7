import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CryptoError, FrameKind, PROTOCOL_VERSION } from '../src/index';
import { connect } from './handshake-pair';

// Random frames into an established channel: a typed error (or, astronomically unlikely, data), never anything else.
const FUZZ_LIMIT = { interruptAfterTimeLimit: 20_000 };

const frames = fc.oneof(
  fc.uint8Array({ maxLength: 200 }),
  fc
    .tuple(fc.constantFrom(...Object.values(FrameKind)), fc.uint8Array({ maxLength: 200 }))
    .map(([kind, body]) => Uint8Array.of(PROTOCOL_VERSION, kind, ...body)),
  fc.anything(),
);

describe('channel fuzz', () => {
  it('open takes any sequence of inputs, and fails for good after the first error', () => {
    fc.assert(
      fc.property(fc.array(frames, { minLength: 1, maxLength: 4 }), (inputs) => {
        const pair = connect();
        let failed = false;
        for (const input of inputs) {
          try {
            pair.guest.channel.open(input as Uint8Array);
          } catch (error) {
            expect(error).toBeInstanceOf(CryptoError);
            if (failed) expect((error as CryptoError).code).toBe('CRYPTO_CHANNEL_FAILED');
            failed = true;
          }
        }
        expect(pair.guest.channel.isFailed).toBe(failed);
      }),
      FUZZ_LIMIT,
    );
  });

  it('seal takes anything as plaintext', () => {
    const { viewer } = connect();
    fc.assert(
      fc.property(fc.anything(), (input) => {
        try {
          viewer.channel.seal(input as Uint8Array);
        } catch (error) {
          expect(error).toBeInstanceOf(CryptoError);
        }
      }),
      FUZZ_LIMIT,
    );
  });

  it('sealInPlace takes anything as a seal buffer', () => {
    const { viewer } = connect();
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.uint8Array({ maxLength: 100 })), (input) => {
        try {
          viewer.channel.sealInPlace(input as Uint8Array);
        } catch (error) {
          expect(error).toBeInstanceOf(CryptoError);
        }
      }),
      FUZZ_LIMIT,
    );
    expect(viewer.channel.isFailed).toBe(false);
  });
});
