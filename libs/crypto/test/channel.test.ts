import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { heavyRuns } from '../../../scripts/fast-check-runs';
import {
  type ChannelError,
  FrameKind,
  MAX_FRAME_LENGTH,
  MAX_PLAINTEXT_LENGTH,
  REKEY_INTERVAL_MESSAGES,
  splitIntoChunks,
} from '../src/index';
import { channelPair, codeOf, connect } from './handshake-pair';

const bytes = (maxLength = 2048) => fc.uint8Array({ maxLength });

function opened(message: ReturnType<ReturnType<typeof connect>['guest']['channel']['open']>): Uint8Array {
  if (message.kind !== 'data') throw new Error(`expected data, got ${message.kind}`);
  return message.plaintext;
}

describe('SecureChannel', () => {
  it('round-trips any sequence of messages in both directions', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), bytes()), { maxLength: 20 }), (script) => {
        const { guest, viewer } = connect();
        for (const [fromViewer, plaintext] of script) {
          const [sender, receiver] = fromViewer ? [viewer.channel, guest.channel] : [guest.channel, viewer.channel];
          const frame = sender.seal(plaintext);
          expect(frame.length).toBe(plaintext.length + 18);
          expect(opened(receiver.open(frame))).toEqual(plaintext);
        }
      }),
      { numRuns: heavyRuns(2) }, // a whole handshake per run
    );
  });

  it('returns frames that own their whole ArrayBuffer', () => {
    const { viewer } = connect();
    for (const length of [0, 10, 3000]) {
      const frame = viewer.channel.seal(new Uint8Array(length));
      expect([frame.byteOffset, frame.buffer.byteLength]).toEqual([0, length + 18]);
    }
  });

  it('detects any single bit flip, and then refuses to go on', () => {
    fc.assert(
      fc.property(bytes(256), fc.nat(), (plaintext, position) => {
        const { guest, viewer } = connect();
        const frame = viewer.channel.seal(plaintext);
        const bit = position % (frame.length * 8);
        frame[bit >> 3] = (frame[bit >> 3] as number) ^ (1 << (bit & 7));
        expect([
          'CRYPTO_DECRYPT_FAILED',
          'CRYPTO_UNSUPPORTED_VERSION',
          'CRYPTO_MALFORMED_MESSAGE',
          'CRYPTO_OUT_OF_ORDER',
        ]).toContain(codeOf(() => guest.channel.open(frame)));
        expect(guest.channel.isFailed).toBe(true);
        expect(codeOf(() => guest.channel.open(viewer.channel.seal(plaintext)))).toBe('CRYPTO_CHANNEL_FAILED');
        expect(codeOf(() => guest.channel.seal(plaintext))).toBe('CRYPTO_CHANNEL_FAILED');
      }),
    );
  });

  it('detects reorder, replay, drop and reflection', () => {
    fc.assert(
      fc.property(
        fc.array(bytes(64), { minLength: 3, maxLength: 6 }),
        fc.constantFrom('reorder', 'replay', 'drop', 'reflect'),
        (plaintexts, attack) => {
          const { guest, viewer } = connect();
          const frames = plaintexts.map((p) => viewer.channel.seal(p));
          const delivered =
            attack === 'reorder'
              ? [frames[1], frames[0], ...frames.slice(2)]
              : attack === 'replay'
                ? [frames[0], frames[0], ...frames.slice(1)]
                : attack === 'drop'
                  ? [frames[0], ...frames.slice(2)]
                  : frames;
          if (attack === 'reflect') {
            expect(codeOf(() => viewer.channel.open(frames[0] as Uint8Array))).toBe('CRYPTO_DECRYPT_FAILED');
            return;
          }
          let failure: string | undefined;
          for (const frame of delivered) {
            try {
              guest.channel.open(frame as Uint8Array);
            } catch (error) {
              failure = (error as ChannelError).code;
              break;
            }
          }
          expect(failure).toBe('CRYPTO_DECRYPT_FAILED');
        },
      ),
    );
  });

  it('detects truncation: a stream that ends without the authenticated close', () => {
    fc.assert(
      fc.property(fc.array(bytes(64), { maxLength: 5 }), fc.nat(), (plaintexts, cut) => {
        const { guest, viewer } = connect();
        const frames = [...plaintexts.map((p) => viewer.channel.seal(p)), viewer.channel.close()];
        const kept = frames.slice(0, cut % frames.length);
        for (const frame of kept) guest.channel.open(frame);
        expect(codeOf(() => guest.channel.end())).toBe('CRYPTO_TRUNCATED');
        expect(guest.channel.isFailed).toBe(true);
      }),
    );
  });

  it('closes with an authenticated close in each direction', () => {
    const { guest, viewer } = connect();
    const inFlight = guest.channel.seal(Uint8Array.of(1));
    const close = viewer.channel.close();
    expect(close[1]).toBe(FrameKind.CLOSE);
    expect(viewer.channel.isClosed).toBe(true);
    expect(codeOf(() => viewer.channel.seal(Uint8Array.of(1)))).toBe('CRYPTO_CLOSED');
    expect(codeOf(() => viewer.channel.close())).toBe('CRYPTO_CLOSED');
    expect(opened(viewer.channel.open(inFlight))).toEqual(Uint8Array.of(1));
    expect(guest.channel.open(close)).toEqual({ kind: 'close' });
    expect(guest.channel.peerClosed).toBe(true);
    expect(() => guest.channel.end()).not.toThrow();
    expect(codeOf(() => guest.channel.seal(Uint8Array.of(2)))).toBe('CRYPTO_CLOSED');
    const answer = guest.channel.close();
    expect(viewer.channel.open(answer)).toEqual({ kind: 'close' });
    expect(codeOf(() => viewer.channel.open(answer))).toBe('CRYPTO_CLOSED');
  });

  it('refuses a forged close (close frame with a body or a wrong key)', () => {
    const { guest, viewer } = connect();
    const data = viewer.channel.seal(new Uint8Array(0));
    data[1] = FrameKind.CLOSE;
    expect(codeOf(() => guest.channel.open(data))).toBe('CRYPTO_DECRYPT_FAILED');
  });

  it('refuses plaintexts over 65 519 bytes without breaking the channel', () => {
    const { guest, viewer } = connect();
    expect(codeOf(() => viewer.channel.seal(new Uint8Array(MAX_PLAINTEXT_LENGTH + 1)))).toBe(
      'CRYPTO_MESSAGE_TOO_LARGE',
    );
    const frame = viewer.channel.seal(new Uint8Array(MAX_PLAINTEXT_LENGTH));
    expect(frame.length).toBe(MAX_FRAME_LENGTH);
    expect(opened(guest.channel.open(frame)).length).toBe(MAX_PLAINTEXT_LENGTH);
    expect(codeOf(() => guest.channel.open(new Uint8Array(MAX_FRAME_LENGTH + 1)))).toBe('CRYPTO_MESSAGE_TOO_LARGE');
  });

  it('refuses handshake messages and short frames on an established channel', () => {
    expect(
      codeOf(() => connect().guest.channel.open(Uint8Array.of(1, FrameKind.COMMITMENT, ...new Uint8Array(32)))),
    ).toBe('CRYPTO_OUT_OF_ORDER');
    expect(codeOf(() => connect().guest.channel.open(Uint8Array.of(1, FrameKind.DATA, 1, 2)))).toBe(
      'CRYPTO_MALFORMED_MESSAGE',
    );
  });

  it('rekeys on request: the notice is sealed with the old key, later frames with the new one', () => {
    const { guest, viewer } = connect();
    const before = viewer.channel.seal(Uint8Array.of(1));
    const notice = viewer.channel.rekey();
    expect(notice[1]).toBe(FrameKind.REKEY);
    const after = viewer.channel.seal(Uint8Array.of(2));
    expect(opened(guest.channel.open(before))).toEqual(Uint8Array.of(1));
    expect(guest.channel.open(notice)).toEqual({ kind: 'rekey' });
    expect(opened(guest.channel.open(after))).toEqual(Uint8Array.of(2));
  });

  it('a receiver that misses a rekey notice cannot read what follows', () => {
    const { guest, viewer } = connect();
    viewer.channel.rekey();
    expect(codeOf(() => guest.channel.open(viewer.channel.seal(Uint8Array.of(2))))).toBe('CRYPTO_DECRYPT_FAILED');
  });

  it('rekeys both directions every N frames without a notice', () => {
    const interval = 4;
    const { initiator, responder } = channelPair(interval);
    for (let i = 0; i < 3 * interval + 1; i++) {
      expect(opened(responder.open(initiator.seal(Uint8Array.of(i))))).toEqual(Uint8Array.of(i));
      expect(opened(initiator.open(responder.seal(Uint8Array.of(i))))).toEqual(Uint8Array.of(i));
    }
  });

  it('the automatic rekey changes the key exactly at the interval', () => {
    const { initiator, responder } = channelPair(4, 5);
    for (let i = 0; i < 4; i++) responder.open(initiator.seal(Uint8Array.of(i)));
    expect(codeOf(() => responder.open(initiator.seal(Uint8Array.of(4))))).toBe('CRYPTO_DECRYPT_FAILED');
  });

  it('uses 2^20 frames as the default interval', () => {
    expect(REKEY_INTERVAL_MESSAGES).toBe(2 ** 20);
  });
});

describe('splitIntoChunks', () => {
  it('splits into sealable pieces that join back to the payload', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 5000 }), fc.integer({ min: 1, max: 1500 }), (payload, chunkLength) => {
        const chunks = splitIntoChunks(payload, chunkLength);
        expect(chunks.every((chunk) => chunk.length <= chunkLength)).toBe(true);
        expect(Buffer.concat(chunks)).toEqual(Buffer.from(payload));
      }),
    );
  });

  it('defaults to the largest plaintext and refuses bad lengths', () => {
    const chunks = splitIntoChunks(new Uint8Array(2 * MAX_PLAINTEXT_LENGTH + 1));
    expect(chunks.map((chunk) => chunk.length)).toEqual([MAX_PLAINTEXT_LENGTH, MAX_PLAINTEXT_LENGTH, 1]);
    expect(splitIntoChunks(new Uint8Array(0))).toHaveLength(1);
    for (const bad of [0, -1, 1.5, MAX_PLAINTEXT_LENGTH + 1]) {
      expect(codeOf(() => splitIntoChunks(new Uint8Array(3), bad))).toBe('CRYPTO_INVALID_ARGUMENT');
    }
    const { guest, viewer } = connect();
    for (const chunk of splitIntoChunks(new Uint8Array(200_000).fill(9))) {
      expect(opened(guest.channel.open(viewer.channel.seal(chunk)))).toEqual(chunk);
    }
  });
});
