import { describe, expect, it } from 'vitest';
import { CallError, CallErrorCode, CallProtocolError } from '../src/index';

describe('CallError', () => {
  it('carries a stable code and its own name', () => {
    const error = new CallError(CallErrorCode.INVALID_ARGUMENT, 'bad limit', { cause: 7 });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('CallError');
    expect(error.code).toBe('CALL_INVALID_ARGUMENT');
    expect(error.cause).toBe(7);
  });

  it('has codes that are unique and prefixed with the package, but for the one the browser guest still matches on', () => {
    const codes: string[] = Object.values(CallErrorCode);
    expect(new Set(codes).size).toBe(codes.length);
    const unprefixed = codes.filter((code) => !code.startsWith('CALL_'));
    expect(unprefixed).toEqual(['SESSION_CALL_STATE']);
  });
});

describe('CallProtocolError', () => {
  it('keeps the base class, its own name and the code it was given', () => {
    const error = new CallProtocolError(CallErrorCode.MESSAGE_TRUNCATED, 'x');
    expect(error).toBeInstanceOf(CallError);
    expect(error.name).toBe('CallProtocolError');
    expect(error.code).toBe('CALL_MESSAGE_TRUNCATED');
  });
});
