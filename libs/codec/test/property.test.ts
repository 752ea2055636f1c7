import fc from 'fast-check';
import { describe, it } from 'vitest';
import { createDecoder, createEncoder, type Frame, type Rect } from '../src/index';
import { applyEdit, editArbitrary } from './support/edits';
import { expectSamePicture, syntheticFrame, withJunkX } from './support/pixels';

const scenario = fc
  .record({ width: fc.integer({ min: 1, max: 160 }), height: fc.integer({ min: 1, max: 120 }) })
  .chain(({ width, height }) =>
    fc.record({
      width: fc.constant(width),
      height: fc.constant(height),
      seed: fc.nat(),
      steps: fc.array(fc.array(editArbitrary(width, height), { minLength: 1, maxLength: 3 }), {
        minLength: 1,
        maxLength: 5,
      }),
      useHints: fc.boolean(),
      format: fc.constantFrom('bgrx' as const, 'rgbx' as const, 'rgba' as const),
    }),
  );

describe('random frames and edits (fast-check)', () => {
  it('round-trip exactly: filled rectangles, scrolled regions, moved windows, noise', () => {
    fc.assert(
      fc.property(scenario, ({ width, height, seed, steps, useHints, format }) => {
        const encoder = createEncoder({ width, height });
        const decoder = createDecoder();
        let data = syntheticFrame(width, height, seed);
        const frame = (bytes: Uint8Array): Frame => ({ width, height, data: bytes, format });
        decoder.decode(encoder.encode(frame(data)));
        expectSamePicture(decoder, frame(data), 'keyframe');
        steps.forEach((edits, i) => {
          data = data.slice();
          const touched: Rect[] = edits.map((edit) => applyEdit(data, width, height, edit));
          data = withJunkX(data, seed + i);
          decoder.decode(encoder.encode(frame(data), useHints ? { damage: touched } : undefined));
          expectSamePicture(decoder, frame(data), `step ${i}`);
        });
      }),
    );
  });
});
