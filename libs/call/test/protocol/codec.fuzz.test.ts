import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CallError, CallProtocolError, decodeMessage, encodeMessage, MESSAGE_TYPES } from '../../src/index';
import { anyMessage } from './arbitraries';

const typeIds = Object.values(MESSAGE_TYPES).map((entry) => entry.id);

function decodesOrFailsTyped(bytes: Uint8Array): void {
  try {
    const message = decodeMessage(bytes, { maxChunkBytes: 4096, maxMessageBytes: 8192 });
    // Whatever decodes must encode back to the very same bytes (one canonical form).
    expect(encodeMessage(message, { maxChunkBytes: 4096, maxMessageBytes: 8192 })).toEqual(bytes);
  } catch (error) {
    if (!(error instanceof CallProtocolError)) throw error;
  }
}

describe('decodeMessage on arbitrary bytes', () => {
  it('returns a message or throws CallProtocolError for any byte string', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 512 }), decodesOrFailsTyped), { interruptAfterTimeLimit: 10_000 });
  });

  it('does the same for byte strings that start with a known type', () => {
    fc.assert(
      fc.property(fc.constantFrom(...typeIds), fc.uint8Array({ maxLength: 128 }), (id, rest) => {
        decodesOrFailsTyped(Uint8Array.from([id, ...rest]));
      }),
      { interruptAfterTimeLimit: 10_000 },
    );
  });

  it('does the same for valid messages with bytes flipped, cut or appended', () => {
    fc.assert(
      fc.property(
        anyMessage,
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        fc.nat({ max: 3 }),
        (message, at, xor, mode) => {
          const bytes = encodeMessage(message);
          const index = at % bytes.length;
          const mutated =
            mode === 0
              ? bytes.map((byte, i) => (i === index ? byte ^ xor : byte))
              : mode === 1
                ? bytes.subarray(0, index)
                : mode === 2
                  ? Uint8Array.from([...bytes, xor])
                  : bytes;
          decodesOrFailsTyped(mutated);
        },
      ),
      { interruptAfterTimeLimit: 10_000 },
    );
  });
});

describe('encodeMessage on arbitrary objects', () => {
  it('returns bytes that decode to the same message, or throws a CallError', () => {
    const field = fc.oneof(
      { arbitrary: fc.integer({ min: 0, max: 4 }), weight: 6 },
      { arbitrary: fc.anything(), weight: 1 },
      { arbitrary: fc.constantFrom(null, undefined, true, -1, 2 ** 32, 0.5, Number.NaN), weight: 2 },
      { arbitrary: fc.uint8Array({ maxLength: 64 }), weight: 1 },
      { arbitrary: fc.string({ maxLength: 8 }), weight: 1 },
    );
    const object = fc.record(
      {
        type: fc.oneof(fc.constantFrom(...(Object.keys(MESSAGE_TYPES) as string[])), fc.string()),
        role: field,
        versions: fc.oneof(field, fc.array(field, { maxLength: 3 })),
        capabilities: field,
        screen: fc.oneof(field, fc.record({ width: field, height: field })),
        granted: field,
        scopes: fc.oneof(field, fc.array(fc.oneof(field, fc.constantFrom('view', 'control')), { maxLength: 3 })),
        frameId: field,
        chunkIndex: field,
        chunkCount: field,
        data: field,
        shapeId: field,
        x: field,
        y: field,
        image: fc.oneof(
          field,
          fc.record(
            { width: field, height: field, hotspotX: field, hotspotY: field, rgba: field },
            { requiredKeys: [] },
          ),
        ),
        buttons: field,
        wheelX: field,
        wheelY: field,
        down: field,
        modifiers: field,
        code: field,
        key: field,
        id: field,
        reason: fc.oneof(field, fc.constantFrom('guest-ended', 'expired', 'elevated-window', 'secure-desktop')),
      },
      { requiredKeys: ['type'] },
    );
    fc.assert(
      fc.property(object, (message) => {
        let bytes: Uint8Array;
        try {
          bytes = encodeMessage(message as never);
        } catch (error) {
          if (!(error instanceof CallError)) throw error;
          return;
        }
        expect(encodeMessage(decodeMessage(bytes))).toEqual(bytes);
      }),
      { interruptAfterTimeLimit: 10_000 },
    );
  });
});
