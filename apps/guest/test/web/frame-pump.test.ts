import type { GuestCallEvents } from '@fernhilfe/call';
import { createDecoder, createEncoder } from '@fernhilfe/codec';
import { describe, expect, it, vi } from 'vitest';
import { inlineFrameEncoder } from '../../src/web/frame-encoder';
import { type FrameSink, startFramePump } from '../../src/web/frame-pump';
import { FakeShare, settle, until } from './fakes';

/** A call stand-in with explicit room: each sent frame stays in flight until `ack`. */
class FakeSink implements FrameSink {
  readonly sent: Uint8Array[] = [];
  inFlight = 0;
  maxInFlight = 2;
  consented = true;
  #room: Array<() => void> = [];

  get canSendFrame(): boolean {
    return this.consented && this.inFlight < this.maxInFlight;
  }

  async sendFrame(update: Uint8Array): Promise<number> {
    if (!this.canSendFrame) throw new Error('no room');
    this.inFlight++;
    this.sent.push(update);
    return this.sent.length;
  }

  on<Name extends keyof GuestCallEvents>(name: Name, listener: (value: GuestCallEvents[Name]) => void): () => void {
    if (name !== 'room-to-send') return () => undefined;
    const fn = () => (listener as (value: undefined) => void)(undefined);
    this.#room.push(fn);
    return () => {
      this.#room = this.#room.filter((other) => other !== fn);
    };
  }

  ack(): void {
    this.inFlight--;
    for (const fn of this.#room) fn();
  }
}

describe('startFramePump', () => {
  it('sends a keyframe first, then only changes, and the viewer’s picture matches', async () => {
    const share = new FakeShare(32, 16, [10, 20, 30]);
    const sink = new FakeSink();
    const pump = startFramePump({ source: share, call: sink, minIntervalMs: 0 });
    await until('keyframe', () => sink.sent.length === 1);
    const decoder = createDecoder();
    expect(decoder.decode(sink.sent[0] as Uint8Array).keyframe).toBe(true);
    share.paint(32, 16, [40, 50, 60]);
    await until('update', () => sink.sent.length === 2);
    expect(decoder.decode(sink.sent[1] as Uint8Array).keyframe).toBe(false);
    expect([...decoder.framebuffer.data.subarray(0, 4)]).toEqual([40, 50, 60, 255]);
    pump.stop();
  });

  it('captures nothing while the call has no room, and resumes on room-to-send', async () => {
    const share = new FakeShare(8, 8, [1, 1, 1]);
    const sink = new FakeSink();
    sink.maxInFlight = 1;
    const pump = startFramePump({ source: share, call: sink, minIntervalMs: 0 });
    await until('first', () => sink.sent.length === 1);
    const grabs = share.grabs;
    for (let i = 0; i < 5; i++) share.paint(8, 8, [i, i, i]);
    await settle(20);
    expect(share.grabs).toBe(grabs);
    expect(sink.sent.length).toBe(1);
    sink.ack();
    await until('second', () => sink.sent.length === 2);
    expect(pump.framesSent).toBe(2);
    pump.stop();
  });

  it('sends nothing when nothing new arrived', async () => {
    const share = new FakeShare(8, 8, [1, 1, 1]);
    const sink = new FakeSink();
    const pump = startFramePump({ source: share, call: sink, minIntervalMs: 0 });
    await until('first', () => sink.sent.length === 1);
    sink.ack();
    await settle(20);
    expect(sink.sent.length).toBe(1);
    pump.stop();
  });

  it('caps the frame rate with minIntervalMs, and still sends the last change', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      const share = new FakeShare(8, 8, [1, 1, 1]);
      const sink = new FakeSink();
      sink.maxInFlight = 100;
      const sentAt: number[] = [];
      const send = sink.sendFrame.bind(sink);
      sink.sendFrame = (update) => {
        sentAt.push(Date.now());
        return send(update);
      };
      const pump = startFramePump({ source: share, call: sink, minIntervalMs: 50, now: () => Date.now() });
      // Ten changes 5 ms apart, then quiet: the keyframe at once and the trailing change after 50 ms.
      for (let i = 0; i < 10; i++) {
        share.paint(8, 8, [i, 0, 0]);
        await vi.advanceTimersByTimeAsync(5);
      }
      await vi.advanceTimersByTimeAsync(200);
      expect(sentAt.map((at) => at - (sentAt[0] as number))).toEqual([0, 50]);
      const decoder = createDecoder();
      for (const update of sink.sent) decoder.decode(update);
      expect([...decoder.framebuffer.data.subarray(0, 4)]).toEqual([9, 0, 0, 255]);
      pump.stop();
    } finally {
      vi.useRealTimers();
    }
  });

  it('follows a size change with a keyframe at the new size', async () => {
    const share = new FakeShare(8, 8, [1, 1, 1]);
    const sink = new FakeSink();
    sink.maxInFlight = 100;
    const pump = startFramePump({ source: share, call: sink, minIntervalMs: 0 });
    await until('first', () => sink.sent.length === 1);
    share.paint(12, 6, [9, 9, 9]);
    await until('second', () => sink.sent.length === 2);
    const decoder = createDecoder();
    decoder.decode(sink.sent[0] as Uint8Array);
    expect(decoder.decode(sink.sent[1] as Uint8Array)).toMatchObject({ keyframe: true, width: 12, height: 6 });
    pump.stop();
  });

  it('stops, closes the encoder and reports when encoding fails', async () => {
    const share = new FakeShare(8, 8, [1, 1, 1]);
    const sink = new FakeSink();
    const errors: unknown[] = [];
    let closed = 0;
    const pump = startFramePump({
      source: share,
      call: sink,
      minIntervalMs: 0,
      encoder: {
        encode: () => Promise.reject(new Error('boom')),
        wantsWholePicture: true,
        close: () => {
          closed++;
        },
      },
      onError: (error) => errors.push(error),
    });
    await until('error', () => errors.length === 1);
    share.paint(8, 8, [2, 2, 2]);
    await settle(10);
    expect(sink.sent.length).toBe(0);
    pump.stop();
    expect(closed).toBe(1);
  });

  it('encodes through an inline encoder made from any codec encoder', async () => {
    const share = new FakeShare(8, 8, [7, 8, 9]);
    const sink = new FakeSink();
    let made = 0;
    const pump = startFramePump({
      source: share,
      call: sink,
      minIntervalMs: 0,
      encoder: inlineFrameEncoder((size) => {
        made++;
        return createEncoder(size);
      }),
    });
    await until('first', () => sink.sent.length === 1);
    expect(made).toBe(1);
    pump.stop();
  });
});
