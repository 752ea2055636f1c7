import { describe, expect, it } from 'vitest';
import { AuditError, SessionError, SessionErrorCode, SessionNumberError, SessionTransitionError } from '../src/index';

describe('SessionError', () => {
  it('carries a stable code and its own name', () => {
    const error = new SessionError(SessionErrorCode.INVALID_ARGUMENT, 'bad width', { cause: 7 });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('SessionError');
    expect(error.code).toBe('SESSION_INVALID_ARGUMENT');
    expect(error.cause).toBe(7);
  });

  it('has codes that are unique and prefixed with the package', () => {
    const codes = Object.values(SessionErrorCode);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code.startsWith('SESSION_')).toBe(true);
  });
});

describe('SessionError subclasses', () => {
  it('keep the base class, their own name and the code they were given', () => {
    const cases = [
      [new SessionNumberError(SessionErrorCode.NUMBER_TOO_SHORT, 'x'), 'SessionNumberError'],
      [new SessionTransitionError(SessionErrorCode.ILLEGAL_TRANSITION, 'x'), 'SessionTransitionError'],
      [new AuditError(SessionErrorCode.AUDIT_CLOSED, 'x'), 'AuditError'],
    ] as const;
    for (const [error, name] of cases) {
      expect(error).toBeInstanceOf(SessionError);
      expect(error.name).toBe(name);
    }
    expect(cases[2][0].code).toBe('SESSION_AUDIT_CLOSED');
  });
});
