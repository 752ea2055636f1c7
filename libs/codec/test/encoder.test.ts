import { describe, expect, it } from 'vitest';
import { CodecError, CodecErrorCode, createDecoder, createEncoder, type Frame, type PixelFormat } from '../src/index';
import { expectSamePicture, syntheticFrame } from './support/pixels';

function edit(
  data: Uint8Array,
  stride: number,
  x0: number,
  y0: number,
  w: number,
  h: number,
  value: number,
): Uint8Array {
  const copy = data.slice();
  for (let y = y0; y < y0 + h; y++) {
    for (let x = x0; x < x0 + w; x++) {
      const o = y * stride + x * 4;
      copy[o] = value & 0xff;
      copy[o + 1] = (value >>> 8) & 0xff;
      copy[o + 2] = (value >>> 16) & 0xff;
    }
  }
  return copy;
}

/** An encoder and a decoder that both saw the keyframe of a synthetic `width`×`height` frame. */
function afterKeyframe(width: number, height: number, seed: number) {
  const base = syntheticFrame(width, height, seed);
  const encoder = createEncoder({ width, height });
  const decoder = createDecoder();
  decoder.decode(encoder.encode({ width, height, data: base, format: 'bgrx' }));
  return { base, encoder, decoder };
}

describe('createEncoder', () => {
  it.each([
    [1366, 768],
    [1, 1],
    [4097, 1],
    [1, 300],
    [65, 63],
  ])('round-trips %i×%i frames, keyframe first, then deltas', (width, height) => {
    const encoder = createEncoder({ width, height });
    const decoder = createDecoder({ maxWidth: 8192 });
    const first: Frame = { width, height, data: syntheticFrame(width, height, 1), format: 'bgrx' };
    expect(decoder.decode(encoder.encode(first)).keyframe).toBe(true);
    expectSamePicture(decoder, first);
    const second: Frame = { ...first, data: edit(first.data, width * 4, width - 1, height - 1, 1, 1, 0x123456) };
    const result = decoder.decode(encoder.encode(second));
    expect(result.keyframe).toBe(false);
    expect(result.rects.length).toBeGreaterThan(0);
    expectSamePicture(decoder, second);
    const third: Frame = { ...first, data: syntheticFrame(width, height, 2) };
    decoder.decode(encoder.encode(third));
    expectSamePicture(decoder, third);
  });

  it.each(['bgrx', 'rgbx', 'rgba'] as PixelFormat[])('accepts %s with row padding and unaligned bytes', (format) => {
    const width = 100;
    const height = 70;
    const stride = width * 4 + 12;
    const backing = new Uint8Array(stride * height + 1);
    const data = backing.subarray(1);
    data.set(syntheticFrame(width, height, 3, stride));
    const encoder = createEncoder({ width, height });
    const decoder = createDecoder();
    const frame: Frame = { width, height, data, stride, format };
    decoder.decode(encoder.encode(frame));
    expectSamePicture(decoder, frame);
    const next: Frame = { ...frame, data: edit(data, stride, 10, 10, 30, 5, 0xabcdef) };
    decoder.decode(encoder.encode(next));
    expectSamePicture(decoder, next);
  });

  it('follows a change of pixel format between frames', () => {
    const width = 80;
    const height = 40;
    const bgrx = syntheticFrame(width, height, 4);
    const rgbx = bgrx.slice();
    for (let i = 0; i < rgbx.length; i += 4) [rgbx[i], rgbx[i + 2]] = [bgrx[i + 2]!, bgrx[i]!];
    const encoder = createEncoder({ width, height });
    const decoder = createDecoder();
    decoder.decode(encoder.encode({ width, height, data: bgrx, format: 'bgrx' }));
    const same = decoder.decode(encoder.encode({ width, height, data: rgbx, format: 'rgbx' }));
    expect(same.rects).toEqual([]);
    const changed: Frame = { width, height, data: edit(rgbx, width * 4, 0, 0, 5, 5, 0x00ff00), format: 'rgba' };
    decoder.decode(encoder.encode(changed));
    expectSamePicture(decoder, changed);
  });

  it('sends a tiny update when nothing changed', () => {
    const frame: Frame = { width: 640, height: 480, data: syntheticFrame(640, 480, 5), format: 'bgrx' };
    const encoder = createEncoder({ width: 640, height: 480 });
    encoder.encode(frame);
    expect(encoder.encode(frame).length).toBeLessThanOrEqual(24);
  });

  it('sends a small change as one op of its own size, also across tile borders', () => {
    const width = 256;
    const height = 192;
    const { base, encoder, decoder } = afterKeyframe(width, height, 7);
    const marker = { width, height, data: edit(base, width * 4, 50, 40, 40, 40, 0x336699), format: 'bgrx' } as const;
    const update = encoder.encode(marker);
    expect(decoder.decode(update).rects).toEqual([{ x: 50, y: 40, width: 40, height: 40 }]);
    expectSamePicture(decoder, marker);
    expect(update.length).toBeLessThanOrEqual(18 + 12); // header and one solid op
    const spread = {
      ...marker,
      data: edit(edit(marker.data, width * 4, 3, 5, 1, 2, 0x010203), width * 4, 250, 180, 2, 1, 0),
    };
    expect(decoder.decode(encoder.encode(spread)).rects).toEqual([
      { x: 3, y: 5, width: 1, height: 2 },
      { x: 250, y: 180, width: 2, height: 1 },
    ]);
    expectSamePicture(decoder, spread);
  });

  it('compares only damaged areas when hints are given', () => {
    const width = 256;
    const height = 128;
    const { base, encoder, decoder } = afterKeyframe(width, height, 6);
    const changed = edit(base, width * 4, 200, 100, 20, 20, 0xff00ff);
    const missed = decoder.decode(
      encoder.encode(
        { width, height, data: changed, format: 'bgrx' },
        { damage: [{ x: 0, y: 0, width: 64, height: 64 }] },
      ),
    );
    expect(missed.rects).toEqual([]);
    const hit = decoder.decode(
      encoder.encode(
        { width, height, data: changed, format: 'bgrx' },
        { damage: [{ x: 190, y: 95, width: 40, height: 40 }] },
      ),
    );
    expect(hit.rects.length).toBeGreaterThan(0);
    expectSamePicture(decoder, { width, height, data: changed, format: 'bgrx' });
  });

  it('starts over with a keyframe after resize and on request', () => {
    const encoder = createEncoder({ width: 10, height: 10 });
    const decoder = createDecoder();
    const small: Frame = { width: 10, height: 10, data: syntheticFrame(10, 10, 7), format: 'rgba' };
    decoder.decode(encoder.encode(small));
    expect(decoder.decode(encoder.keyframe(small)).keyframe).toBe(true);
    encoder.resize(20, 5);
    expect([encoder.width, encoder.height]).toEqual([20, 5]);
    const wide: Frame = { width: 20, height: 5, data: syntheticFrame(20, 5, 8), format: 'rgba' };
    const result = decoder.decode(encoder.encode(wide));
    expect(result).toMatchObject({
      keyframe: true,
      width: 20,
      height: 5,
      rects: [{ x: 0, y: 0, width: 20, height: 5 }],
    });
    expectSamePicture(decoder, wide);
  });

  it.each([
    [{ width: 0, height: 10 }],
    [{ width: 10, height: 65536 }],
    [{ width: 1.5, height: 10 }],
    [{ width: 65535, height: 65535 }],
    [{ width: 10, height: 10, deflateLevel: 11 }],
  ])('rejects bad options %j', (options) => {
    expect(() => createEncoder(options)).toThrow(expect.objectContaining({ code: CodecErrorCode.INVALID_ARGUMENT }));
  });

  it('rejects frames of the wrong shape with CODEC_INVALID_ARGUMENT', () => {
    const encoder = createEncoder({ width: 4, height: 4 });
    const data = new Uint8Array(64);
    const bad: unknown[] = [
      { width: 5, height: 4, data, format: 'bgrx' },
      { width: 4, height: 4, data: new Uint8Array(60), format: 'bgrx' },
      { width: 4, height: 4, data, format: 'argb' },
      { width: 4, height: 4, data, stride: 8, format: 'bgrx' },
      { width: 4, height: 4, data: [1, 2, 3], format: 'bgrx' },
      null,
    ];
    for (const frame of bad) {
      try {
        encoder.encode(frame as Frame);
        expect.fail('accepted a bad frame');
      } catch (error) {
        expect(error).toBeInstanceOf(CodecError);
        expect((error as CodecError).code).toBe(CodecErrorCode.INVALID_ARGUMENT);
      }
    }
    encoder.encode({ width: 4, height: 4, data, format: 'bgrx' });
    expect(() =>
      encoder.encode(
        { width: 4, height: 4, data, format: 'bgrx' },
        { damage: [{ x: Number.NaN, y: 0, width: 1, height: 1 }] },
      ),
    ).toThrow(expect.objectContaining({ code: CodecErrorCode.INVALID_ARGUMENT }));
    expect(() => encoder.resize(0, 1)).toThrow(expect.objectContaining({ code: CodecErrorCode.INVALID_ARGUMENT }));
  });
});
