import { createEncoder } from '@fernhilfe/codec';
import { describe, expect, it } from 'vitest';
import { createCodecDecoder, DEFAULT_SCREEN_DECODER_LIMITS } from '../src/decoder/codec-decoder';
import { patternRect } from './fakes/fake-decoder';

describe('codec decoder adapter', () => {
  it('decodes codec updates into the RGBA framebuffer with changed rectangles', () => {
    const width = 200;
    const height = 120;
    const encoder = createEncoder({ width, height });
    const decoder = createCodecDecoder({ maxWidth: 1920, maxHeight: 1080 });
    const frame = new Uint8Array(patternRect({ x: 0, y: 0, width, height }, 1).rgba);
    const first = decoder.decode(encoder.encode({ width, height, data: frame, format: 'rgba' }));
    expect(first.rects.length).toBeGreaterThan(0);
    expect(decoder.framebuffer.width).toBe(width);
    expect(Buffer.from(decoder.framebuffer.data).equals(Buffer.from(frame))).toBe(true);

    const edit = patternRect({ x: 10, y: 20, width: 30, height: 5 }, 7);
    for (let row = 0; row < 5; row++) {
      frame.set(edit.rgba.subarray(row * 30 * 4, (row + 1) * 30 * 4), ((20 + row) * width + 10) * 4);
    }
    const second = decoder.decode(encoder.encode({ width, height, data: frame, format: 'rgba' }));
    expect(Buffer.from(decoder.framebuffer.data).equals(Buffer.from(frame))).toBe(true);
    const covered = second.rects.some((r) => r.x <= 10 && r.y <= 20 && r.x + r.width >= 40 && r.y + r.height >= 25);
    expect(covered).toBe(true);
  });

  it('rejects screens above the limits with the codec’s typed error', () => {
    const encoder = createEncoder({ width: 64, height: 64 });
    const decoder = createCodecDecoder({ maxWidth: 32, maxHeight: 32 });
    const update = encoder.encode({ width: 64, height: 64, data: new Uint8Array(64 * 64 * 4), format: 'rgba' });
    expect(() => decoder.decode(update)).toThrow(expect.objectContaining({ code: 'CODEC_LIMIT_EXCEEDED' }));
  });

  it('defaults to any screen up to 8K UHD and passes the area limit to the codec', () => {
    expect(DEFAULT_SCREEN_DECODER_LIMITS).toEqual({ maxWidth: 8192, maxHeight: 8192, maxPixels: 7680 * 4320 });
    const decoder = createCodecDecoder({ maxWidth: 64, maxHeight: 64, maxPixels: 1_000 });
    const blank = (side: number) =>
      createEncoder({ width: side, height: side }).encode({
        width: side,
        height: side,
        data: new Uint8Array(side * side * 4),
        format: 'rgba',
      });
    expect(() => decoder.decode(blank(40))).toThrow(expect.objectContaining({ code: 'CODEC_LIMIT_EXCEEDED' }));
    expect(decoder.framebuffer.width).toBe(0);
    expect(decoder.decode(blank(30)).rects.length).toBeGreaterThan(0);
  });
});
