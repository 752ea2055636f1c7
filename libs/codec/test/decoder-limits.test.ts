import { describe, expect, it } from 'vitest';
import { CodecError, CodecErrorCode, createDecoder, DEFAULT_DECODER_LIMITS, OPS } from '../src/index';
import { buildUpdate, rect } from './support/updates';

const TILE = 64;

function refusal(decoder: ReturnType<typeof createDecoder>, update: Uint8Array): string {
  try {
    decoder.decode(update);
  } catch (error) {
    expect(error).toBeInstanceOf(CodecError);
    return (error as CodecError).code;
  }
  return 'decoded';
}

/** A keyframe painting the whole `width`×`height` frame with one solid op (a 12-byte body). */
function solidKeyframe(width: number, height: number): Uint8Array {
  return buildUpdate({ width, height, opCount: 1, body: [...rect(OPS.solid.code, 0, 0, width, height), 9, 8, 7] });
}

describe('default decoder limits', () => {
  it('are sized for screens up to 8K UHD in either orientation', () => {
    expect(DEFAULT_DECODER_LIMITS).toMatchObject({
      maxWidth: 8192,
      maxHeight: 8192,
      maxPixels: 7680 * 4320,
      maxDecompressedBytes: 100 * 1024 * 1024,
    });
  });

  it('decode an 8K screen, landscape and portrait', () => {
    for (const [width, height] of [
      [7680, 4320],
      [4320, 7680],
    ] as const) {
      const decoder = createDecoder();
      expect(decoder.decode(solidKeyframe(width, height))).toMatchObject({ keyframe: true, width, height });
      expect(decoder.framebuffer.data.length).toBe(width * height * 4);
      expect([...decoder.framebuffer.data.subarray(-4)]).toEqual([9, 8, 7, 255]);
    }
  });

  it('admit the largest body the encoder writes for 8K: a raw op per 64×64 tile', () => {
    const [width, height] = [7680, 4320];
    const tiles = Math.ceil(width / TILE) * Math.ceil(height / TILE);
    const rawBody = 3 * width * height + 9 * tiles;
    // The body is declared but not sent: passing the limits, the decoder finds it short.
    const update = buildUpdate({ width, height, opCount: tiles, body: [], bodyLength: rawBody });
    expect(refusal(createDecoder(), update)).toBe(CodecErrorCode.TRUNCATED);
  });

  it('refuse a frame over 7680×4320 pixels before allocating its framebuffer', () => {
    const decoder = createDecoder();
    for (const [width, height] of [
      [8192, 4320],
      [8192, 8192],
      [8193, 1],
    ] as const) {
      expect(refusal(decoder, solidKeyframe(Math.min(width, 0xffff), height))).toBe(CodecErrorCode.LIMIT_EXCEEDED);
      expect(decoder.framebuffer.data.length).toBe(0);
    }
  });

  it('refuse a body larger than the update geometry allows, before inflating it', () => {
    const decoder = createDecoder();
    // A 1×1 frame cannot need 200 000 ops or 120 MB; nor a 1080p update 80 MB.
    for (const [width, height, opCount, bodyLength] of [
      [1, 1, 200_000, 120e6],
      [1920, 1080, 100_000, 80e6],
    ] as const) {
      const update = buildUpdate({ width, height, opCount, body: [1, 2, 3], deflate: true, bodyLength });
      expect(refusal(decoder, update)).toBe(CodecErrorCode.LIMIT_EXCEEDED);
    }
    const hdRaw = 3 * 1920 * 1080 + 9 * 510;
    const honest = buildUpdate({ width: 1920, height: 1080, opCount: 510, body: [], bodyLength: hdRaw });
    expect(refusal(decoder, honest)).toBe(CodecErrorCode.TRUNCATED);
    expect(decoder.framebuffer.data.length).toBe(0);
  });

  it('still lets a caller set larger limits', () => {
    const decoder = createDecoder({ maxPixels: 8192 * 8192 });
    expect(decoder.limits.maxPixels).toBe(8192 * 8192);
    expect(refusal(decoder, solidKeyframe(8192, 4320))).toBe('decoded');
  });
});
