import { describe, expect, it } from 'vitest';
import { CallError, CallErrorCode, CallProtocolError, createGuestCall, decodeMessage } from '../src/index';

function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('nothing was thrown');
}

describe('CallErrorCode', () => {
  it('holds unique codes, each prefixed with the package', () => {
    const codes: string[] = Object.values(CallErrorCode);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.filter((code) => !code.startsWith('CALL_'))).toEqual([]);
    expect(CallErrorCode.STATE).toBe('CALL_STATE');
  });
});

describe('errors the call layer throws', () => {
  it('are CallErrors with their own name and a code from the table', () => {
    const badOption = thrownBy(() =>
      createGuestCall({
        sessionId: 's',
        screen: { width: 1, height: 1 },
        send: () => undefined,
        canControl: false,
        maxFramesInFlight: 0,
      }),
    );
    expect(badOption).toBeInstanceOf(CallError);
    expect(badOption).toMatchObject({ name: 'CallError', code: CallErrorCode.INVALID_ARGUMENT });
    expect((badOption as CallError).code).toBe('CALL_INVALID_ARGUMENT');
  });

  it('are CallProtocolErrors, still CallErrors, for bytes that decode to no message', () => {
    const truncated = thrownBy(() => decodeMessage(new Uint8Array()));
    expect(truncated).toBeInstanceOf(CallProtocolError);
    expect(truncated).toBeInstanceOf(CallError);
    expect(truncated).toMatchObject({ name: 'CallProtocolError', code: 'CALL_MESSAGE_TRUNCATED' });
  });
});
