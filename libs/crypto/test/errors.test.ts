import { describe, expect, it } from 'vitest';
import { CryptoError, CryptoErrorCode } from '../src/index';

describe('CryptoError', () => {
  it('carries a stable code and its own name', () => {
    const error = new CryptoError(CryptoErrorCode.INVALID_ARGUMENT, 'bad width', { cause: 7 });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('CryptoError');
    expect(error.code).toBe('CRYPTO_INVALID_ARGUMENT');
    expect(error.cause).toBe(7);
  });

  it('has codes that are unique and prefixed with the package', () => {
    const codes = Object.values(CryptoErrorCode);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code.startsWith('CRYPTO_')).toBe(true);
  });
});
