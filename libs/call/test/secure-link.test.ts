import {
  createGuestHandshake,
  createSealBufferPool,
  createViewerHandshake,
  type SecureChannel,
} from '@fernhilfe/crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { heavyRuns } from '../../../scripts/fast-check-runs';
import type { SessionMessage } from '../src/index';
import { SecureLink } from '../src/secure-link';

function channels(): { guest: SecureChannel; viewer: SecureChannel } {
  const guestSide = createGuestHandshake({ sessionId: 'link' });
  const viewerSide = createViewerHandshake({ sessionId: 'link' });
  const hello = viewerSide.start(guestSide.commit());
  const guest = guestSide.respond(hello);
  return { guest: guest.channel, viewer: viewerSide.finish(guest.reply).channel };
}

interface Sent {
  frame: Uint8Array;
  release: () => void;
}

/** A transport that holds what it is given; every link frame must come with a `release`. */
function holdingSender(into: Sent[]) {
  return (frame: Uint8Array, release?: () => void) => {
    if (!release) throw new Error('link frame sent without release');
    into.push({ frame, release });
  };
}

function update(frameId: number, length: number): SessionMessage {
  const data = new Uint8Array(length).map((_, i) => (frameId * 31 + i) & 0xff);
  return { type: 'screen-update', frameId, chunkIndex: 0, chunkCount: 1, data };
}

describe('SecureLink seal buffers', () => {
  it('reuses a released seal buffer for the next large message, and the peer reads every message', async () => {
    const { guest, viewer } = channels();
    const sent: Sent[] = [];
    const sender = new SecureLink(guest, holdingSender(sent));
    const receiver = new SecureLink(viewer, () => {});
    for (let id = 0; id < 6; id++) {
      await sender.send(update(id, 60_000));
      const { frame, release } = sent[id] as Sent;
      expect(receiver.receive(frame)).toEqual({ kind: 'message', message: update(id, 60_000) });
      release();
    }
    const buffers = new Set(sent.map((entry) => entry.frame.buffer));
    expect(buffers.size).toBe(1);
  });

  it('never shares a buffer between frames the transport still holds', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 65_000 }), fc.boolean()), { minLength: 1, maxLength: 12 }),
        async (script) => {
          const { guest, viewer } = channels();
          const held: Sent[] = [];
          const sender = new SecureLink(guest, holdingSender(held));
          const receiver = new SecureLink(viewer, () => {});
          const expected: SessionMessage[] = [];
          let opened = 0;
          for (const [index, [length, flush]] of script.entries()) {
            expected.push(update(index, length));
            await sender.send(update(index, length));
            if (!flush) continue;
            // The transport writes everything it holds, in order, then releases each buffer.
            for (const entry of held.splice(0)) {
              expect(receiver.receive(entry.frame)).toEqual({ kind: 'message', message: expected[opened++] });
              entry.release();
              entry.release();
            }
          }
          for (const entry of held) {
            expect(receiver.receive(entry.frame)).toEqual({ kind: 'message', message: expected[opened++] });
          }
        },
      ),
      { numRuns: heavyRuns(2) },
    );
  });

  it('still works when the transport never releases (each frame gets its own buffer)', async () => {
    const { guest, viewer } = channels();
    const frames: Uint8Array[] = [];
    const sender = new SecureLink(guest, (frame) => {
      frames.push(frame);
    });
    const receiver = new SecureLink(viewer, () => {});
    for (let id = 0; id < 3; id++) await sender.send(update(id, 50_000));
    expect(new Set(frames.map((frame) => frame.buffer)).size).toBe(3);
    for (const [id, frame] of frames.entries()) {
      expect(receiver.receive(frame)).toEqual({ kind: 'message', message: update(id, 50_000) });
    }
  });

  it('gives the buffer back, wiped, when the channel refuses to seal', () => {
    const { guest } = channels();
    const pool = createSealBufferPool({ maxFree: 1 });
    const sent: Uint8Array[] = [];
    const link = new SecureLink(guest, (frame) => void sent.push(frame), undefined, pool);
    guest.close();
    expect(() => link.send(update(1, 40_000))).toThrow(expect.objectContaining({ code: 'CRYPTO_CLOSED' }));
    expect([sent.length, pool.free]).toEqual([0, 1]);
    const reused = pool.acquire(40_000 + 10);
    expect(reused.frame.every((byte) => byte === 0)).toBe(true);
  });
});
