import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createGuestHandshake, createViewerHandshake, FrameKind } from '../src/index';
import { encodeFrame } from '../src/wire';
import { codeOf } from './handshake-pair';

const sessionIds = fc.stringMatching(/^[0-9]{8}$/);

describe('a relay in the middle', () => {
  it('that runs its own handshake with each side ends up with different codes on the two sides', () => {
    fc.assert(
      fc.property(sessionIds, (sessionId) => {
        const guest = createGuestHandshake({ sessionId });
        const viewer = createViewerHandshake({ sessionId });
        const relayAsViewer = createViewerHandshake({ sessionId });
        const relayAsGuest = createGuestHandshake({ sessionId });

        // The relay must commit towards the viewer before the viewer reveals anything …
        const viewerHello = viewer.start(relayAsGuest.commit());
        // … and must pick its key towards the guest before the guest reveals its own.
        const helloToGuest = relayAsViewer.start(guest.commit());
        const guestResult = guest.respond(helloToGuest);
        const relayGuestSide = relayAsViewer.finish(guestResult.reply);
        const relayViewerSide = relayAsGuest.respond(viewerHello);
        const viewerResult = viewer.finish(relayViewerSide.reply);

        expect(relayGuestSide.securityCode).toBe(guestResult.securityCode);
        expect(relayViewerSide.securityCode).toBe(viewerResult.securityCode);
        // Equal by chance with probability 10⁻⁶ per session: that is the relay's one guess.
        expect(guestResult.securityCode).not.toBe(viewerResult.securityCode);
        // Frames passed straight through do not open on the other side.
        expect(codeOf(() => guestResult.channel.open(viewerResult.channel.seal(Uint8Array.of(1))))).toBe(
          'CRYPTO_DECRYPT_FAILED',
        );
      }),
    );
  });

  it('cannot change the commitment after the fact', () => {
    fc.assert(
      fc.property(sessionIds, fc.uint8Array({ minLength: 32, maxLength: 32 }), (sessionId, forged) => {
        const guest = createGuestHandshake({ sessionId });
        const viewer = createViewerHandshake({ sessionId });
        const real = guest.commit();
        fc.pre(!Buffer.from(real.subarray(2)).equals(forged));
        const { reply } = guest.respond(viewer.start(encodeFrame(FrameKind.COMMITMENT, forged)));
        expect(codeOf(() => viewer.finish(reply))).toBe('CRYPTO_BAD_COMMITMENT');
      }),
    );
  });

  it('cannot swap the guest key under an honest commitment', () => {
    fc.assert(
      fc.property(
        sessionIds,
        fc.integer({ min: 2, max: 33 }),
        fc.integer({ min: 1, max: 255 }),
        (sessionId, at, xor) => {
          const guest = createGuestHandshake({ sessionId });
          const viewer = createViewerHandshake({ sessionId });
          const { reply } = guest.respond(viewer.start(guest.commit()));
          const swapped = reply.slice();
          swapped[at] = (swapped[at] as number) ^ xor;
          expect(codeOf(() => viewer.finish(swapped))).toBe('CRYPTO_BAD_COMMITMENT');
        },
      ),
    );
  });

  it('cannot alter any handshake byte without the handshake failing', () => {
    fc.assert(
      fc.property(fc.constantFrom(0, 1, 2), fc.nat(), fc.integer({ min: 1, max: 255 }), (which, position, xor) => {
        const guest = createGuestHandshake({ sessionId: '12345678' });
        const viewer = createViewerHandshake({ sessionId: '12345678' });
        const tamper = (message: Uint8Array, index: number) => {
          if (index !== which) return message;
          const copy = message.slice();
          const at = position % copy.length;
          copy[at] = (copy[at] as number) ^ xor;
          return copy;
        };
        const outcome = codeOf(() => {
          const hello = viewer.start(tamper(guest.commit(), 0));
          const { reply, securityCode } = guest.respond(tamper(hello, 1));
          const result = viewer.finish(tamper(reply, 2));
          // An altered viewer key may still complete, but then the codes differ.
          if (result.securityCode !== securityCode) throw Object.assign(new Error(), { code: 'CODES_DIFFER' });
          throw new Error('tampering went unnoticed');
        });
        expect(outcome).toMatch(/^CRYPTO_|^CODES_DIFFER$/);
      }),
    );
  });
});
