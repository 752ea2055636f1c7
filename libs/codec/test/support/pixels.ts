import { expect } from 'vitest';
import type { Decoder, Frame } from '../../src/index';

/** Asserts that the decoder's framebuffer equals `frame` exactly in R, G, B, with alpha 255. */
export function expectSamePicture(decoder: Decoder, frame: Frame, label = ''): void {
  const { width, height, data } = decoder.framebuffer;
  expect([width, height], `${label} size`).toEqual([frame.width, frame.height]);
  const stride = frame.stride ?? frame.width * 4;
  const bgr = frame.format === 'bgrx';
  const source = frame.data;
  const aligned = source.byteOffset % 4 === 0 && stride % 4 === 0;
  const words = aligned ? new Uint32Array(source.buffer, source.byteOffset, Math.floor(source.length / 4)) : undefined;
  const picture = new Uint32Array(data.buffer, data.byteOffset, width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const s = y * stride + x * 4;
      let v: number;
      if (words) v = words[s >> 2]!;
      else v = source[s]! | (source[s + 1]! << 8) | (source[s + 2]! << 16);
      const expected = bgr
        ? (0xff000000 | ((v & 0xff) << 16) | (v & 0xff00) | ((v >>> 16) & 0xff)) >>> 0
        : (0xff000000 | (v & 0xffffff)) >>> 0;
      if (picture[y * width + x] !== expected) expect.fail(`${label} pixel (${x}, ${y}) differs`);
    }
  }
}

/** A deterministic pseudo-random generator (xorshift32). */
export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
}

const JUNK_SIZE = 1 << 16;
const junkTable = (() => {
  const next = rng(0x5eed);
  return Uint8Array.from({ length: JUNK_SIZE }, () => next() & 0xff);
})();

/** A copy of `data` whose every 4th byte (X) is pseudo-random junk, different for each `seed`. */
export function withJunkX(data: Uint8Array, seed: number): Uint8Array {
  const copy = data.slice();
  const shift = Math.imul(seed, 7919) >>> 0;
  for (let i = 3, k = 0; i < copy.length; i += 4, k++)
    copy[i] = junkTable[(k + shift + (k >>> 16) * seed) & (JUNK_SIZE - 1)]!;
  return copy;
}

/** A frame of text-like content: a few colours in small glyph-sized patches, plus some noise. */
export function syntheticFrame(width: number, height: number, seed: number, stride = width * 4): Uint8Array {
  const next = rng(seed);
  const data = new Uint8Array(stride * (height - 1) + width * 4);
  const colours = [0x202020, 0xf0f0f0, 0x3050d0, 0xd04030, next() & 0xffffff];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const cell = ((x >> 3) * 31 + (y >> 4) * 17 + seed) % 7;
      const c = next() % 50 === 0 ? next() : colours[(cell + ((x ^ y) & 1)) % colours.length]!;
      const o = y * stride + x * 4;
      data[o] = c & 0xff;
      data[o + 1] = (c >>> 8) & 0xff;
      data[o + 2] = (c >>> 16) & 0xff;
      data[o + 3] = next() & 0xff;
    }
  }
  return data;
}
