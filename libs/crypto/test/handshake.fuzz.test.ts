import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CryptoError, createGuestHandshake, createViewerHandshake, FrameKind, PROTOCOL_VERSION } from '../src/index';

// Random bytes (and random non-bytes) into every handshake step: a typed error or a result, never anything else.
const FUZZ_LIMIT = { interruptAfterTimeLimit: 20_000 };

const anyInput = fc.oneof(
  fc.uint8Array({ maxLength: 80 }),
  fc
    .tuple(fc.constantFrom(...Object.values(FrameKind)), fc.uint8Array({ maxLength: 60 }))
    .map(([kind, body]) => Uint8Array.of(PROTOCOL_VERSION, kind, ...body)),
  fc
    .uint8Array({ minLength: 32, maxLength: 48 })
    .map((body) => Uint8Array.of(PROTOCOL_VERSION, FrameKind.GUEST_HELLO, ...body)),
  fc.anything(),
);

function expectTypedOrResult(action: () => unknown): void {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(CryptoError);
    expect((error as CryptoError).code).toMatch(/^CRYPTO_/);
  }
}

describe('handshake fuzz', () => {
  it('viewer.start takes anything', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        expectTypedOrResult(() => createViewerHandshake({ sessionId: '1' }).start(input as Uint8Array));
      }),
      FUZZ_LIMIT,
    );
  });

  it('viewer.finish takes anything after a real start', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const viewer = createViewerHandshake({ sessionId: '1' });
        viewer.start(createGuestHandshake({ sessionId: '1' }).commit());
        expectTypedOrResult(() => viewer.finish(input as Uint8Array));
      }),
      FUZZ_LIMIT,
    );
  });

  it('guest.respond takes anything after a real commit', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const guest = createGuestHandshake({ sessionId: '1' });
        guest.commit();
        expectTypedOrResult(() => guest.respond(input as Uint8Array));
      }),
      FUZZ_LIMIT,
    );
  });

  it('option objects of any shape', () => {
    fc.assert(
      fc.property(fc.anything(), (options) => {
        expectTypedOrResult(() => createGuestHandshake(options as { sessionId: string }));
        expectTypedOrResult(() => createViewerHandshake(options as { sessionId: string }));
      }),
      FUZZ_LIMIT,
    );
  });
});
