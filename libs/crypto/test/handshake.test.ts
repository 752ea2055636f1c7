import { x25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import { commitToKey } from '../src/commitment';
import {
  type CryptoError,
  createGuestHandshake,
  createViewerHandshake,
  FrameKind,
  HandshakeError,
  PROTOCOL_VERSION,
} from '../src/index';
import { encodeFrame } from '../src/wire';
import { codeOf, connect } from './handshake-pair';

// A point of order 8 on Curve25519 (Wycheproof x25519 LowOrderPublic).
const LOW_ORDER_POINT = Uint8Array.from(
  Buffer.from('e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800', 'hex'),
);

describe('Fernhilfe handshake', () => {
  it('gives both sides the same security code, formatted "123 456"', () => {
    const { guest, viewer } = connect();
    expect(guest.securityCode).toMatch(/^\d{3} \d{3}$/);
    expect(viewer.securityCode).toBe(guest.securityCode);
  });

  it('produces messages of the documented sizes and kinds', () => {
    const guest = createGuestHandshake({ sessionId: 'abc' });
    const viewer = createViewerHandshake({ sessionId: 'abc' });
    const commitment = guest.commit();
    expect([commitment.length, commitment[0], commitment[1]]).toEqual([34, PROTOCOL_VERSION, FrameKind.COMMITMENT]);
    const hello = viewer.start(commitment);
    expect([hello.length, hello[0], hello[1]]).toEqual([34, PROTOCOL_VERSION, FrameKind.VIEWER_HELLO]);
    const { reply } = guest.respond(hello);
    expect([reply.length, reply[0], reply[1]]).toEqual([50, PROTOCOL_VERSION, FrameKind.GUEST_HELLO]);
    expect(guest.step).toBe('done');
    viewer.finish(reply);
    expect(viewer.step).toBe('done');
  });

  it('commits to the key the guest reveals only after the viewer hello', () => {
    const guest = createGuestHandshake({ sessionId: 's' });
    const commitment = guest.commit();
    const viewer = createViewerHandshake({ sessionId: 's' });
    const { reply } = guest.respond(viewer.start(commitment));
    expect(commitToKey(reply.subarray(2, 34))).toEqual(commitment.subarray(2));
  });

  it('fails when the two sides were given different session ids', () => {
    const guest = createGuestHandshake({ sessionId: '11111111' });
    const viewer = createViewerHandshake({ sessionId: '22222222' });
    const { reply } = guest.respond(viewer.start(guest.commit()));
    expect(codeOf(() => viewer.finish(reply))).toBe('CRYPTO_DECRYPT_FAILED');
    expect(viewer.step).toBe('failed');
  });

  it('rejects calls out of order and second calls (single use)', () => {
    const guest = createGuestHandshake({ sessionId: 's' });
    expect(codeOf(() => guest.respond(new Uint8Array(34)))).toBe('CRYPTO_HANDSHAKE_STATE');
    expect(guest.step).toBe('failed');
    expect(codeOf(() => guest.commit())).toBe('CRYPTO_HANDSHAKE_STATE');

    const viewer = createViewerHandshake({ sessionId: 's' });
    expect(codeOf(() => viewer.finish(new Uint8Array(50)))).toBe('CRYPTO_HANDSHAKE_STATE');

    const g = createGuestHandshake({ sessionId: 's' });
    const v = createViewerHandshake({ sessionId: 's' });
    const commitment = g.commit();
    expect(codeOf(() => g.commit())).toBe('CRYPTO_HANDSHAKE_STATE');
    const hello = v.start(commitment);
    expect(codeOf(() => v.start(commitment))).toBe('CRYPTO_HANDSHAKE_STATE');
    expect(codeOf(() => v.finish(new Uint8Array(50)))).toBe('CRYPTO_HANDSHAKE_STATE');
    expect(codeOf(() => g.respond(hello))).toBe('CRYPTO_HANDSHAKE_STATE');
  });

  it('rejects a done handshake being driven again', () => {
    const guest = createGuestHandshake({ sessionId: 's' });
    const viewer = createViewerHandshake({ sessionId: 's' });
    const hello = viewer.start(guest.commit());
    const { reply } = guest.respond(hello);
    viewer.finish(reply);
    expect(codeOf(() => guest.respond(hello))).toBe('CRYPTO_HANDSHAKE_STATE');
    expect(codeOf(() => viewer.finish(reply))).toBe('CRYPTO_HANDSHAKE_STATE');
  });

  it('rejects a message of the wrong kind, version or length with its own code', () => {
    const guest = createGuestHandshake({ sessionId: 's' });
    const commitment = guest.commit();
    const wrongKind = createViewerHandshake({ sessionId: 's' });
    expect(codeOf(() => wrongKind.start(encodeFrame(FrameKind.GUEST_HELLO, new Uint8Array(32))))).toBe(
      'CRYPTO_OUT_OF_ORDER',
    );
    const wrongVersion = createViewerHandshake({ sessionId: 's' });
    const versioned = commitment.slice();
    versioned[0] = 2;
    expect(codeOf(() => wrongVersion.start(versioned))).toBe('CRYPTO_UNSUPPORTED_VERSION');
    const wrongLength = createViewerHandshake({ sessionId: 's' });
    expect(codeOf(() => wrongLength.start(commitment.subarray(0, 33)))).toBe('CRYPTO_MALFORMED_MESSAGE');
    const unknownKind = createViewerHandshake({ sessionId: 's' });
    expect(codeOf(() => unknownKind.start(Uint8Array.of(1, 0x7f)))).toBe('CRYPTO_MALFORMED_MESSAGE');
    const notBytes = createViewerHandshake({ sessionId: 's' });
    expect(codeOf(() => notBytes.start('hello' as unknown as Uint8Array))).toBe('CRYPTO_INVALID_ARGUMENT');
  });

  it('rejects a low-order viewer key', () => {
    const guest = createGuestHandshake({ sessionId: 's' });
    guest.commit();
    expect(codeOf(() => guest.respond(encodeFrame(FrameKind.VIEWER_HELLO, LOW_ORDER_POINT)))).toBe(
      'CRYPTO_LOW_ORDER_KEY',
    );
  });

  it('rejects a low-order guest key even when the commitment matches it', () => {
    const viewer = createViewerHandshake({ sessionId: 's' });
    viewer.start(encodeFrame(FrameKind.COMMITMENT, commitToKey(LOW_ORDER_POINT)));
    const reply = encodeFrame(FrameKind.GUEST_HELLO, new Uint8Array(48));
    reply.set(LOW_ORDER_POINT, 2);
    expect(codeOf(() => viewer.finish(reply))).toBe('CRYPTO_LOW_ORDER_KEY');
  });

  it('rejects a guest key that does not open the commitment', () => {
    const guest = createGuestHandshake({ sessionId: 's' });
    const viewer = createViewerHandshake({ sessionId: 's' });
    const { reply } = guest.respond(viewer.start(guest.commit()));
    const other = reply.slice();
    other.set(x25519.getPublicKey(x25519.utils.randomSecretKey()), 2);
    expect(codeOf(() => viewer.finish(other))).toBe('CRYPTO_BAD_COMMITMENT');
  });

  it('validates its options', () => {
    for (const sessionId of ['', 'x'.repeat(256), 7 as unknown as string]) {
      const error = (() => {
        try {
          createGuestHandshake({ sessionId });
        } catch (caught) {
          return caught;
        }
      })();
      expect(error).toBeInstanceOf(HandshakeError);
      expect((error as CryptoError).code).toBe('CRYPTO_INVALID_ARGUMENT');
    }
    expect(codeOf(() => createViewerHandshake({ sessionId: 's', protocolVersion: 2 }))).toBe(
      'CRYPTO_UNSUPPORTED_VERSION',
    );
    expect(createViewerHandshake({ sessionId: 's', protocolVersion: PROTOCOL_VERSION }).step).toBe('ready');
  });

  it('returns frozen state machines and results', () => {
    const { guest, viewer } = connect();
    expect(Object.isFrozen(guest)).toBe(true);
    expect(Object.isFrozen(viewer.channel)).toBe(true);
    expect(Object.isFrozen(createGuestHandshake({ sessionId: 's' }))).toBe(true);
  });
});
