import { describe, expect, it } from 'vitest';
import { CodecError, CodecErrorCode, createDecoder, OPS } from '../src/index';
import { buildUpdate, rect } from './support/updates';

const SOLID = OPS.solid.code;
const COPY = OPS.copy.code;
const fullSolid = (colour: number[]) => [...rect(SOLID, 0, 0, 8, 8), ...colour];

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CodecError);
    expect((error as CodecError).name).toBe('CodecError');
    return (error as CodecError).code;
  }
  return 'no error';
}

function decodedWith(...updates: Uint8Array[]) {
  const decoder = createDecoder({ maxWidth: 64, maxHeight: 64, maxOps: 16, maxDecompressedBytes: 4096 });
  for (const update of updates.slice(0, -1)) {
    try {
      decoder.decode(update);
    } catch {
      // Earlier failures are part of the scenario; only the last update's outcome is checked.
    }
  }
  return () => decoder.decode(updates[updates.length - 1]!);
}

const keyframe = buildUpdate({ opCount: 1, body: fullSolid([1, 2, 3]) });

describe('createDecoder', () => {
  it('paints a keyframe and reports opaque RGBA pixels', () => {
    const decoder = createDecoder();
    expect(decoder.framebuffer.width).toBe(0);
    const result = decoder.decode(keyframe);
    expect(result).toEqual({ keyframe: true, width: 8, height: 8, rects: [{ x: 0, y: 0, width: 8, height: 8 }] });
    expect([...decoder.framebuffer.data.subarray(0, 8)]).toEqual([1, 2, 3, 255, 1, 2, 3, 255]);
  });

  it('applies every op type and reports their rectangles', () => {
    const decoder = createDecoder();
    decoder.decode(keyframe);
    const body = [
      ...rect(COPY, 4, 0, 4, 1),
      0,
      0,
      0,
      0,
      ...rect(OPS.raw.code, 0, 1, 2, 1),
      9,
      8,
      7,
      6,
      5,
      4,
      ...rect(OPS.palette.code, 0, 2, 3, 1),
      2,
      0,
      0,
      0,
      255,
      255,
      255,
      0b1010_0000,
      ...rect(OPS.paletteRle.code, 0, 3, 8, 2),
      1,
      7,
      7,
      7,
      0,
      15,
      ...rect(OPS.rawDelta.code, 0, 5, 2, 1),
      10,
      10,
      10,
      1,
      2,
      3,
    ];
    const result = decoder.decode(buildUpdate({ keyframe: false, copyCount: 1, opCount: 5, body, deflate: true }));
    expect(result.rects).toHaveLength(5);
    const px = (x: number, y: number) => [...decoder.framebuffer.data.subarray((y * 8 + x) * 4, (y * 8 + x) * 4 + 4)];
    expect(px(4, 0)).toEqual([1, 2, 3, 255]);
    expect(px(1, 1)).toEqual([6, 5, 4, 255]);
    expect([px(0, 2), px(1, 2), px(2, 2)]).toEqual([
      [255, 255, 255, 255],
      [0, 0, 0, 255],
      [255, 255, 255, 255],
    ]);
    expect(px(7, 4)).toEqual([7, 7, 7, 255]);
    expect(px(1, 5)).toEqual([11, 12, 13, 255]);
  });

  it('reads copy sources from the frame as it was before the update', () => {
    const decoder = createDecoder();
    const raw = [...rect(OPS.raw.code, 0, 0, 3, 1), 1, 1, 1, 2, 2, 2, 3, 3, 3];
    decoder.decode(buildUpdate({ width: 3, height: 1, opCount: 1, body: raw }));
    const swap = [...rect(COPY, 0, 0, 1, 1), 2, 0, 0, 0, ...rect(COPY, 2, 0, 1, 1), 0, 0, 0, 0];
    decoder.decode(buildUpdate({ keyframe: false, width: 3, height: 1, copyCount: 2, opCount: 2, body: swap }));
    expect([...decoder.framebuffer.data]).toEqual([3, 3, 3, 255, 2, 2, 2, 255, 1, 1, 1, 255]);
  });

  it('copies from the keyframe picture with reference ops', () => {
    const decoder = createDecoder();
    const raw = [...rect(OPS.raw.code, 0, 0, 3, 1), 1, 1, 1, 2, 2, 2, 3, 3, 3];
    decoder.decode(buildUpdate({ width: 3, height: 1, opCount: 1, body: raw }));
    decoder.decode(
      buildUpdate({ keyframe: false, width: 3, height: 1, opCount: 1, body: [...rect(SOLID, 0, 0, 3, 1), 9, 9, 9] }),
    );
    const back = [...rect(OPS.reference.code, 1, 0, 2, 1), 0, 0, 0, 0];
    const result = decoder.decode(buildUpdate({ keyframe: false, width: 3, height: 1, opCount: 1, body: back }));
    expect(result.rects).toEqual([{ x: 1, y: 0, width: 2, height: 1 }]);
    expect([...decoder.framebuffer.data]).toEqual([9, 9, 9, 255, 1, 1, 1, 255, 2, 2, 2, 255]);
  });

  it.each([
    [
      'reference in a keyframe',
      buildUpdate({ opCount: 1, body: [...rect(OPS.reference.code, 0, 0, 1, 1), 0, 0, 0, 0] }),
      CodecErrorCode.BAD_OP,
    ],
    ['short header', keyframe.subarray(0, 10), CodecErrorCode.TRUNCATED],
    ['bad magic', Uint8Array.from([0, ...keyframe.subarray(1)]), CodecErrorCode.BAD_HEADER],
    [
      'version',
      Uint8Array.from([...keyframe.subarray(0, 2), 9, ...keyframe.subarray(3)]),
      CodecErrorCode.UNSUPPORTED_VERSION,
    ],
    ['flags', Uint8Array.from([...keyframe.subarray(0, 3), 0x81, ...keyframe.subarray(4)]), CodecErrorCode.BAD_HEADER],
    ['zero width', buildUpdate({ width: 0, opCount: 0, body: [] }), CodecErrorCode.BAD_HEADER],
    ['width limit', buildUpdate({ width: 65, opCount: 0, body: [] }), CodecErrorCode.LIMIT_EXCEEDED],
    ['op limit', buildUpdate({ opCount: 17, body: [] }), CodecErrorCode.LIMIT_EXCEEDED],
    ['body limit', buildUpdate({ opCount: 1, body: [], bodyLength: 5000 }), CodecErrorCode.LIMIT_EXCEEDED],
    ['copies > ops', buildUpdate({ copyCount: 2, opCount: 1, body: [] }), CodecErrorCode.BAD_HEADER],
    ['short body', buildUpdate({ opCount: 1, body: fullSolid([1, 2]) }), CodecErrorCode.TRUNCATED],
    [
      'stored body shorter than declared',
      buildUpdate({ opCount: 1, body: fullSolid([1, 2, 3]), bodyLength: 20 }),
      CodecErrorCode.TRUNCATED,
    ],
    ['trailing bytes', buildUpdate({ opCount: 1, body: [...fullSolid([1, 2, 3]), 0] }), CodecErrorCode.BAD_OP],
    ['unknown op', buildUpdate({ opCount: 1, body: [...rect(99, 0, 0, 1, 1)] }), CodecErrorCode.BAD_OP],
    ['empty rect', buildUpdate({ opCount: 1, body: [...rect(SOLID, 0, 0, 0, 1), 1, 2, 3] }), CodecErrorCode.BAD_OP],
    [
      'rect outside',
      buildUpdate({ opCount: 1, body: [...rect(SOLID, 4, 4, 5, 1), 1, 2, 3] }),
      CodecErrorCode.OUT_OF_BOUNDS,
    ],
    [
      'copy source outside',
      buildUpdate({ copyCount: 1, opCount: 1, body: [...rect(COPY, 0, 0, 4, 4), 5, 0, 0, 0] }),
      CodecErrorCode.OUT_OF_BOUNDS,
    ],
    [
      'copy after pixels',
      buildUpdate({ opCount: 1, body: [...rect(COPY, 0, 0, 1, 1), 0, 0, 0, 0] }),
      CodecErrorCode.BAD_OP,
    ],
    [
      'pixels in copy section',
      buildUpdate({ copyCount: 1, opCount: 1, body: fullSolid([1, 2, 3]) }),
      CodecErrorCode.BAD_OP,
    ],
    [
      'palette size',
      buildUpdate({ opCount: 1, body: [...rect(OPS.palette.code, 0, 0, 1, 1), 17] }),
      CodecErrorCode.BAD_OP,
    ],
    [
      'palette index',
      buildUpdate({ opCount: 1, body: [...rect(OPS.palette.code, 0, 0, 1, 1), 3, 0, 0, 0, 1, 1, 1, 2, 2, 2, 0xc0] }),
      CodecErrorCode.BAD_OP,
    ],
    [
      'run too long',
      buildUpdate({ opCount: 1, body: [...rect(OPS.paletteRle.code, 0, 0, 2, 1), 1, 0, 0, 0, 0, 2] }),
      CodecErrorCode.BAD_OP,
    ],
    [
      'run index',
      buildUpdate({ opCount: 1, body: [...rect(OPS.paletteRle.code, 0, 0, 2, 1), 1, 0, 0, 0, 1, 1] }),
      CodecErrorCode.BAD_OP,
    ],
    [
      'run varint',
      buildUpdate({
        opCount: 1,
        body: [...rect(OPS.paletteRle.code, 0, 0, 2, 1), 1, 0, 0, 0, 0, 0x80, 0x80, 0x80, 0x80, 0],
      }),
      CodecErrorCode.BAD_OP,
    ],
    [
      'overdraw',
      buildUpdate({ opCount: 5, body: [0, 1, 2, 3, 4].flatMap(() => fullSolid([1, 1, 1])) }),
      CodecErrorCode.LIMIT_EXCEEDED,
    ],
    [
      'corrupt deflate',
      Uint8Array.from([
        ...buildUpdate({ opCount: 1, body: fullSolid([1, 2, 3]), deflate: true }).subarray(0, 18),
        0xff,
        0xff,
      ]),
      CodecErrorCode.INFLATE_FAILED,
    ],
    [
      'inflates short',
      buildUpdate({ opCount: 1, body: fullSolid([1, 2, 3]), deflate: true, bodyLength: 13 }),
      CodecErrorCode.SIZE_MISMATCH,
    ],
    [
      'inflates long',
      buildUpdate({ opCount: 1, body: fullSolid([1, 2, 3]), deflate: true, bodyLength: 11 }),
      CodecErrorCode.SIZE_MISMATCH,
    ],
    ['not bytes', 'hello' as unknown as Uint8Array, CodecErrorCode.INVALID_ARGUMENT],
  ])('rejects %s with a typed error', (_, update, code) => {
    expect(codeOf(decodedWith(update))).toBe(code);
  });

  it('refuses deltas before a keyframe, after a failure, and for another size', () => {
    const delta = buildUpdate({ keyframe: false, opCount: 1, body: fullSolid([4, 5, 6]) });
    expect(codeOf(decodedWith(delta))).toBe(CodecErrorCode.MISSING_KEYFRAME);
    const broken = buildUpdate({ keyframe: false, opCount: 1, body: [...rect(99, 0, 0, 1, 1)] });
    expect(codeOf(decodedWith(keyframe, broken, delta))).toBe(CodecErrorCode.MISSING_KEYFRAME);
    expect(codeOf(decodedWith(keyframe, broken, keyframe))).toBe('no error');
    const referenceOutside = buildUpdate({
      keyframe: false,
      opCount: 1,
      body: [...rect(OPS.reference.code, 0, 0, 2, 2), 7, 0, 0, 0],
    });
    expect(codeOf(decodedWith(keyframe, referenceOutside))).toBe(CodecErrorCode.OUT_OF_BOUNDS);
    const wrongSize = buildUpdate({ keyframe: false, width: 4, opCount: 0, body: [] });
    expect(codeOf(decodedWith(keyframe, wrongSize))).toBe(CodecErrorCode.BAD_HEADER);
  });

  it('rejects limits that are not positive numbers', () => {
    expect(codeOf(() => createDecoder({ maxOps: 0 }))).toBe(CodecErrorCode.INVALID_ARGUMENT);
    expect(codeOf(() => createDecoder({ maxWidth: Number.NaN }))).toBe(CodecErrorCode.INVALID_ARGUMENT);
  });
});
