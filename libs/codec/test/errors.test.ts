import { describe, expect, it } from 'vitest';
import { CodecError, CodecErrorCode } from '../src/index';

describe('CodecError', () => {
  it('carries a stable code and its own name', () => {
    const error = new CodecError(CodecErrorCode.INVALID_ARGUMENT, 'bad width', { cause: 7 });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('CodecError');
    expect(error.code).toBe('CODEC_INVALID_ARGUMENT');
    expect(error.cause).toBe(7);
  });

  it('has codes that are unique and prefixed with the package', () => {
    const codes = Object.values(CodecErrorCode);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code.startsWith('CODEC_')).toBe(true);
  });
});
