import { describe, expect, it } from 'vitest';
import { TransportError, TransportErrorCode } from '../src/index';

describe('TransportError', () => {
  it('carries a stable code and its own name', () => {
    const error = new TransportError(TransportErrorCode.INVALID_ARGUMENT, 'bad width', { cause: 7 });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('TransportError');
    expect(error.code).toBe('TRANSPORT_INVALID_ARGUMENT');
    expect(error.cause).toBe(7);
  });

  it('has codes that are unique and prefixed with the package', () => {
    const codes = Object.values(TransportErrorCode);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code.startsWith('TRANSPORT_')).toBe(true);
  });
});

describe('close codes', () => {
  it('gives every code its own close code in the application range (or 1000 for a plain close)', async () => {
    const { TransportCloseCode, errorCodeForClose } = await import('../src/index');
    const closes = Object.values(TransportCloseCode);
    expect(new Set(closes).size).toBe(closes.length);
    for (const [code, close] of Object.entries(TransportCloseCode)) {
      if (close === 1000) continue;
      expect(close).toBeGreaterThanOrEqual(4000);
      expect(close).toBeLessThanOrEqual(4999);
      expect(errorCodeForClose(close)).toBe(code);
    }
    expect(errorCodeForClose(1009)).toBe(TransportErrorCode.MESSAGE_TOO_LARGE);
    expect(errorCodeForClose(1006)).toBeUndefined();
  });
});
