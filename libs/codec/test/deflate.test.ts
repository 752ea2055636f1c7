import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { deflateBackend as browser } from '../src/deflate.browser';
import { deflateBackend as node } from '../src/deflate.node';
import { CodecErrorCode } from '../src/index';
import { syntheticFrame } from './support/pixels';

const sample = syntheticFrame(200, 100, 9);
// Buffer.equals instead of toEqual: deep equality of large typed arrays is slow in vitest.
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a.buffer, a.byteOffset, a.length).equals(b);

describe('deflate backends', () => {
  for (const [from, to] of [
    [node, browser],
    [browser, node],
    [node, node],
    [browser, browser],
  ] as const) {
    it(`${from.name} output inflates with ${to.name}`, () => {
      for (const level of [0, 1, 6, 9]) {
        expect(same(to.inflateRaw(from.deflateRaw(sample, level), sample.length), sample)).toBe(true);
      }
      expect(to.inflateRaw(from.deflateRaw(new Uint8Array(0), 6), 0)).toEqual(new Uint8Array(0));
    });
  }

  for (const backend of [node, browser]) {
    it(`${backend.name} reports wrong lengths and corrupt streams with typed errors`, () => {
      const packed = backend.deflateRaw(sample, 6);
      expect(() => backend.inflateRaw(packed, sample.length - 1)).toThrow(
        expect.objectContaining({ code: CodecErrorCode.SIZE_MISMATCH }),
      );
      expect(() => backend.inflateRaw(packed, sample.length + 1)).toThrow(
        expect.objectContaining({ code: CodecErrorCode.SIZE_MISMATCH }),
      );
      expect(() => backend.inflateRaw(Uint8Array.from([0xff, 0xff, 0xff]), 10)).toThrow(
        expect.objectContaining({ code: CodecErrorCode.INFLATE_FAILED }),
      );
    });
  }

  const bomb = deflateRawSync(new Uint8Array(64 * 1024 * 1024), { level: 9 });
  for (const backend of [node, browser]) {
    it(`${backend.name} stops early on a deflate bomb (64 MiB of zeros, ${bomb.length} bytes)`, () => {
      const started = process.cpuUsage();
      expect(() => backend.inflateRaw(bomb, 1000)).toThrow(
        expect.objectContaining({ code: CodecErrorCode.SIZE_MISMATCH }),
      );
      // A hang guard, not a benchmark: inflating the whole bomb takes seconds of CPU in fflate.
      // CPU time, not wall time, so other processes on a busy machine do not trip it.
      const used = process.cpuUsage(started);
      expect((used.user + used.system) / 1000).toBeLessThan(2000);
    });
  }
});
