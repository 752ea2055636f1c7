import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deflateBackend as browserDeflate } from '../src/deflate.browser';
import { deflateBackend as nodeDeflate } from '../src/deflate.node';
import { CodecError, createDecoder, createEncoder, type Decoder } from '../src/index';
import { applyEdit, editArbitrary } from './support/edits';
import { syntheticFrame } from './support/pixels';

const LIMITS = { maxWidth: 256, maxHeight: 256, maxOps: 4096, maxDecompressedBytes: 1 << 20 };
// A hang guard on CPU time, which other processes on a busy machine do not inflate as they do wall time.
const MAX_CPU_MS_PER_UPDATE = 1000;
// `npm run fuzz` runs many more cases than CI: give the campaign time in proportion (≈ 10 ms per run).
const CAMPAIGN_TIMEOUT = Math.max(30_000, Number(process.env.FC_NUM_RUNS ?? 100) * 10);

/** Decodes and checks the contract: a valid result inside the frame, or a CodecError; bounded time and memory. */
function decodeSafely(decoder: Decoder, update: Uint8Array): void {
  const started = process.cpuUsage();
  try {
    const result = decoder.decode(update);
    for (const r of result.rects) {
      expect(r.x + r.width).toBeLessThanOrEqual(result.width);
      expect(r.y + r.height).toBeLessThanOrEqual(result.height);
    }
  } catch (error) {
    if (!(error instanceof CodecError)) throw error;
  }
  const used = process.cpuUsage(started);
  expect((used.user + used.system) / 1000).toBeLessThan(MAX_CPU_MS_PER_UPDATE);
  expect(decoder.framebuffer.data.length).toBeLessThanOrEqual(LIMITS.maxWidth * LIMITS.maxHeight * 4);
}

/** Valid updates from a short encoder session (stored or deflated bodies) to mutate. */
function session(width: number, height: number, seed: number, level: number, edits: Parameters<typeof applyEdit>[3][]) {
  const encoder = createEncoder({ width, height, deflateLevel: level });
  let data = syntheticFrame(width, height, seed);
  const updates = [encoder.encode({ width, height, data, format: 'bgrx' })];
  for (const edit of edits) {
    data = data.slice();
    applyEdit(data, width, height, edit);
    updates.push(encoder.encode({ width, height, data, format: 'bgrx' }));
  }
  return updates;
}

const sessionArbitrary = fc
  .record({ width: fc.integer({ min: 1, max: 96 }), height: fc.integer({ min: 1, max: 64 }) })
  .chain(({ width, height }) =>
    fc.record({
      updates: fc
        .tuple(fc.nat(), fc.constantFrom(0, 6), fc.array(editArbitrary(width, height), { maxLength: 4 }))
        .map(([seed, level, edits]) => session(width, height, seed, level, edits)),
    }),
  );

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), value: fc.nat(255) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 8 }) }),
  fc.record({ kind: fc.constant('header' as const), at: fc.nat(17), value: fc.nat(255) }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(update: Uint8Array, m: Mutation): Uint8Array {
  if (update.length === 0) return update;
  const at = m.at % update.length;
  switch (m.kind) {
    case 'flip':
    case 'header': {
      const copy = update.slice();
      copy[m.kind === 'header' ? Math.min(m.at, copy.length - 1) : at] = m.value;
      return copy;
    }
    case 'truncate':
      return update.subarray(0, at);
    case 'insert':
      return Uint8Array.from([...update.subarray(0, at), ...m.bytes, ...update.subarray(at)]);
  }
}

describe('decoder fuzz: any bytes give a valid result or a CodecError', () => {
  it('random bytes, with and without a valid header in front', { timeout: CAMPAIGN_TIMEOUT }, () => {
    const header = session(32, 16, 1, 0, [])[0]!.subarray(0, 18);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), fc.boolean(), (bytes, withHeader) => {
        const decoder = createDecoder(LIMITS);
        decodeSafely(decoder, withHeader ? Uint8Array.from([...header, ...bytes]) : bytes);
      }),
    );
  });

  it('mutated updates from real encoder sessions', { timeout: CAMPAIGN_TIMEOUT }, () => {
    fc.assert(
      fc.property(
        sessionArbitrary,
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        fc.nat(),
        ({ updates }, mutations, pick) => {
          const decoder = createDecoder(LIMITS);
          const target = pick % updates.length;
          updates.forEach((update, i) => {
            const sent = i === target ? mutations.reduce(mutate, update) : update;
            decodeSafely(decoder, sent);
          });
        },
      ),
    );
  });

  it('both deflate backends: any bytes inflate to exactly the declared length or throw a CodecError', {
    timeout: CAMPAIGN_TIMEOUT,
  }, () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), fc.nat(100_000), (bytes, expected) => {
        for (const backend of [nodeDeflate, browserDeflate]) {
          try {
            expect(backend.inflateRaw(bytes, expected).length).toBe(expected);
          } catch (error) {
            if (!(error instanceof CodecError)) throw error;
          }
        }
      }),
    );
  });
});
