import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { heavyRuns } from '../../../../scripts/fast-check-runs';
import {
  CallErrorCode,
  CallProtocolError,
  decodeMessage,
  encodeMessage,
  MESSAGE_TYPE_NAMES,
  MESSAGE_TYPES,
  type SessionMessage,
} from '../../src/index';
import { messageArbitraries } from './arbitraries';

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(CallProtocolError);
    return (error as CallProtocolError).code;
  }
  return undefined;
}

const hex = (text: string) => Uint8Array.from(text.match(/../g)!.map((byte) => Number.parseInt(byte, 16)));

describe('support protocol schema', () => {
  it('uses each type number once, all in one byte', () => {
    const ids = MESSAGE_TYPE_NAMES.map((name) => MESSAGE_TYPES[name].id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toBeGreaterThan(0);
    for (const id of ids) expect(id).toBeLessThan(256);
  });

  it('has no message for files or clipboard', () => {
    for (const name of MESSAGE_TYPE_NAMES) expect(name).not.toMatch(/file|clip|paste|transfer/);
  });

  it('marks exactly pointer and key as input', () => {
    expect(MESSAGE_TYPE_NAMES.filter((name) => MESSAGE_TYPES[name].input)).toEqual(['pointer', 'key']);
  });
});

describe.each(MESSAGE_TYPE_NAMES)('%s', (name) => {
  it('round-trips through encode and decode', () => {
    fc.assert(
      fc.property(messageArbitraries[name] as fc.Arbitrary<SessionMessage>, (message) => {
        const bytes = encodeMessage(message);
        expect(bytes[0]).toBe(MESSAGE_TYPES[name].id);
        expect(decodeMessage(bytes)).toEqual(message);
        expect(() => decodeMessage(bytes.subarray(0, bytes.length - 1))).toThrow(CallProtocolError);
        const longer = new Uint8Array(bytes.length + 1);
        longer.set(bytes);
        expect(codeOf(() => decodeMessage(longer))).toBe(CallErrorCode.MESSAGE_TRAILING_BYTES);
      }),
      { numRuns: heavyRuns(2) },
    );
  });

  it('writes every byte of a dirty buffer handed in by an allocator, at any offset', () => {
    fc.assert(
      fc.property(messageArbitraries[name] as fc.Arbitrary<SessionMessage>, fc.nat(7), (message, offset) => {
        const expected = encodeMessage(message);
        const backing = new Uint8Array(offset + expected.length + 3).fill(0xa5);
        const written = encodeMessage(message, undefined, (length) => backing.subarray(offset, offset + length));
        expect(written.buffer).toBe(backing.buffer);
        expect(written).toEqual(expected);
        expect(backing.subarray(offset + expected.length).every((byte) => byte === 0xa5)).toBe(true);
      }),
      { numRuns: heavyRuns(3) },
    );
  });

  it('documents a layout whose top-level field names match the decoded message', () => {
    fc.assert(
      fc.property(messageArbitraries[name] as fc.Arbitrary<SessionMessage>, (message) => {
        const documented = new Set(MESSAGE_TYPES[name].layout.map((field) => field.name.split(/[.?]/)[0]));
        for (const key of Object.keys(message)) if (key !== 'type') expect(documented).toContain(key);
      }),
      { numRuns: heavyRuns(10) },
    );
  });
});

describe('byte layout (big-endian, fixed vectors)', () => {
  it('encodes the documented bytes', () => {
    expect(encodeMessage({ type: 'frame-ack', frameId: 0x01020304 })).toEqual(hex('0a01020304'));
    expect(encodeMessage({ type: 'pointer', x: 640, y: 480, buttons: 1, wheelX: 0, wheelY: -1 })).toEqual(
      hex('08028001e0010000ffff'),
    );
    expect(encodeMessage({ type: 'key', down: true, modifiers: 2, code: 'KeyA', key: 'a' })).toEqual(
      hex('090102044b6579410161'),
    );
    expect(encodeMessage({ type: 'consent', granted: true, scopes: ['view', 'control'] })).toEqual(hex('020103'));
    expect(encodeMessage({ type: 'end', reason: 'consent-refused' })).toEqual(hex('0d05'));
    expect(encodeMessage({ type: 'input-blocked', reason: 'elevated-window' })).toEqual(hex('0e01'));
    expect(encodeMessage({ type: 'input-blocked', reason: 'secure-desktop' })).toEqual(hex('0e02'));
    expect(
      encodeMessage({
        type: 'hello',
        role: 'guest',
        versions: [1],
        capabilities: 3,
        screen: { width: 1920, height: 1080 },
      }),
    ).toEqual(hex('0101010001000000030780' + '0438'));
    expect(
      encodeMessage({ type: 'screen-update', frameId: 7, chunkIndex: 0, chunkCount: 2, data: hex('abcd') }),
    ).toEqual(hex('06000000070000000200000002abcd'));
  });
});

describe('decoder errors', () => {
  it('rejects empty input, unknown types and the reserved number 0', () => {
    expect(codeOf(() => decodeMessage(new Uint8Array()))).toBe(CallErrorCode.MESSAGE_TRUNCATED);
    expect(codeOf(() => decodeMessage(hex('00')))).toBe(CallErrorCode.MESSAGE_UNKNOWN_TYPE);
    expect(codeOf(() => decodeMessage(hex('ff')))).toBe(CallErrorCode.MESSAGE_UNKNOWN_TYPE);
  });

  it('checks declared lengths against limits before reading them', () => {
    expect(codeOf(() => decodeMessage(hex('0600000007000000010fffffff')))).toBe(CallErrorCode.MESSAGE_TOO_LARGE);
    expect(codeOf(() => decodeMessage(hex('06000000070000000100000010abcd'), { maxChunkBytes: 8 }))).toBe(
      CallErrorCode.MESSAGE_TOO_LARGE,
    );
    expect(codeOf(() => decodeMessage(new Uint8Array(100), { maxMessageBytes: 99 }))).toBe(
      CallErrorCode.MESSAGE_TOO_LARGE,
    );
    // cursor 300 × 1 with the default 256 limit
    expect(codeOf(() => decodeMessage(hex('070001000000000000000001012c000100000000')))).toBe(
      CallErrorCode.MESSAGE_TOO_LARGE,
    );
  });

  it('rejects out-of-range fields', () => {
    expect(codeOf(() => decodeMessage(hex('020001')))).toBe(CallErrorCode.MESSAGE_INVALID_FIELD); // refused with scopes
    expect(codeOf(() => decodeMessage(hex('020102')))).toBe(CallErrorCode.MESSAGE_INVALID_FIELD); // grant without view
    expect(codeOf(() => decodeMessage(hex('020207')))).toBe(CallErrorCode.MESSAGE_INVALID_FIELD);
    expect(codeOf(() => decodeMessage(hex('08000000002000000000')))).toBe(CallErrorCode.MESSAGE_INVALID_FIELD);
    expect(codeOf(() => decodeMessage(hex('0d00')))).toBe(CallErrorCode.MESSAGE_INVALID_FIELD);
    expect(codeOf(() => decodeMessage(hex('0d63')))).toBe(CallErrorCode.MESSAGE_INVALID_FIELD);
    for (const reason of ['00', '03', 'ff']) {
      expect(codeOf(() => decodeMessage(hex(`0e${reason}`)))).toBe(CallErrorCode.MESSAGE_INVALID_FIELD);
    }
    expect(codeOf(() => decodeMessage(hex('0e')))).toBe(CallErrorCode.MESSAGE_TRUNCATED);
    expect(codeOf(() => decodeMessage(hex('0e0101')))).toBe(CallErrorCode.MESSAGE_TRAILING_BYTES);
    expect(codeOf(() => decodeMessage(hex('06000000010002000200000000')))).toBe(CallErrorCode.MESSAGE_INVALID_FIELD);
    expect(codeOf(() => decodeMessage(hex('06000000010000000000000000')))).toBe(CallErrorCode.MESSAGE_INVALID_FIELD);
    expect(codeOf(() => decodeMessage(hex('0901000141' + '02c328')))).toBe(CallErrorCode.MESSAGE_INVALID_FIELD); // bad UTF-8
    expect(codeOf(() => decodeMessage(hex('090100012d00')))).toBe(CallErrorCode.MESSAGE_INVALID_FIELD); // code "-"
  });

  it('throws CALL_INVALID_ARGUMENT for nonsense limits', () => {
    for (const limits of [{ maxChunkBytes: -1 }, { maxCursorSize: Number.NaN }, { maxVersions: 1.5 }]) {
      expect(() => decodeMessage(hex('0b00000001'), limits)).toThrow(
        expect.objectContaining({ code: CallErrorCode.INVALID_ARGUMENT }),
      );
    }
  });

  it('throws CALL_INVALID_ARGUMENT for a non-byte input', () => {
    expect(() => decodeMessage('hello' as never)).toThrow(
      expect.objectContaining({ code: CallErrorCode.INVALID_ARGUMENT }),
    );
  });
});

describe('encoder errors', () => {
  it('refuses an allocator that returns the wrong length or no byte array', () => {
    const message: SessionMessage = { type: 'frame-ack', frameId: 1 };
    for (const allocate of [(n: number) => new Uint8Array(n + 1), () => [0, 0, 0, 0, 0] as unknown as Uint8Array]) {
      let code: string | undefined;
      try {
        encodeMessage(message, undefined, allocate);
      } catch (error) {
        code = (error as { code?: string }).code;
      }
      expect(code).toBe(CallErrorCode.INVALID_ARGUMENT);
    }
  });

  it('refuses messages the other side could not decode', () => {
    const bad: unknown[] = [
      { type: 'file-transfer' },
      { type: 'clipboard', text: 'x' },
      { type: 'pointer', x: -1, y: 0, buttons: 0, wheelX: 0, wheelY: 0 },
      { type: 'pointer', x: 0, y: 0, buttons: 64, wheelX: 0, wheelY: 0 },
      { type: 'consent', granted: true, scopes: [] },
      { type: 'consent', granted: true, scopes: ['view', 'view'] },
      { type: 'consent', granted: true, scopes: ['view', 'files'] },
      { type: 'screen-update', frameId: 1, chunkIndex: 2, chunkCount: 2, data: new Uint8Array() },
      {
        type: 'cursor',
        shapeId: 1,
        x: 0,
        y: 0,
        image: { width: 2, height: 2, hotspotX: 0, hotspotY: 0, rgba: new Uint8Array(15) },
      },
      {
        type: 'cursor',
        shapeId: 1,
        x: 0,
        y: 0,
        image: { width: 2, height: 2, hotspotX: 2, hotspotY: 0, rgba: new Uint8Array(16) },
      },
      { type: 'key', down: true, modifiers: 0, code: 'Key A', key: 'a' },
      { type: 'key', down: true, modifiers: 0, code: 'KeyA', key: '\ud800' },
      { type: 'hello', role: 'relay', versions: [1], capabilities: 0, screen: { width: 0, height: 0 } },
      { type: 'hello', role: 'guest', versions: [], capabilities: 0, screen: { width: 0, height: 0 } },
      { type: 'end', reason: 'bored' },
      { type: 'input-blocked', reason: 'uac' },
      { type: 'input-blocked', reason: 1 },
      { type: 'input-blocked' },
      { type: 'ping', id: 2 ** 32 },
    ];
    for (const message of bad) expect(() => encodeMessage(message as SessionMessage)).toThrow(CallProtocolError);
    expect(
      codeOf(() =>
        encodeMessage(
          { type: 'screen-update', frameId: 1, chunkIndex: 0, chunkCount: 1, data: new Uint8Array(9) },
          { maxChunkBytes: 8 },
        ),
      ),
    ).toBe(CallErrorCode.MESSAGE_TOO_LARGE);
  });
});
