import { SessionErrorCode, SessionNumberError } from '@fernhilfe/session';
import { ConnectionClosedError, RelayRejectedError, TransportError, TransportErrorCode } from '@fernhilfe/transport';
import { describe, expect, it } from 'vitest';
import { joinProblem, numberProblem } from '../src/problems';

describe('problems in the customer’s terms', () => {
  it('maps every session-number error', () => {
    const cases = [
      [SessionErrorCode.NUMBER_CHECK_DIGIT_WRONG, 'typo'],
      [SessionErrorCode.NUMBER_TOO_SHORT, 'too-short'],
      [SessionErrorCode.NUMBER_TOO_LONG, 'too-long'],
      [SessionErrorCode.NUMBER_NOT_DIGITS, 'not-digits'],
    ] as const;
    for (const [code, problem] of cases) expect(numberProblem(new SessionNumberError(code, 'x'))).toBe(problem);
    expect(() => numberProblem(new Error('other'))).toThrow('other');
  });

  it('maps relay, proxy, TLS and connection errors', () => {
    expect(joinProblem(new RelayRejectedError(TransportErrorCode.UNKNOWN_NUMBER, 'x'))).toEqual({
      problem: 'unknown-number',
    });
    expect(joinProblem(new RelayRejectedError(TransportErrorCode.RATE_LIMITED, 'x', 1500))).toEqual({
      problem: 'rate-limited',
      retryAfterMs: 1500,
    });
    expect(joinProblem(new TransportError(TransportErrorCode.TLS_FAILED, 'x')).problem).toBe('tls-failed');
    expect(joinProblem(new TransportError(TransportErrorCode.CONNECT_FAILED, 'x')).problem).toBe('unreachable');
    expect(joinProblem(new ConnectionClosedError(TransportErrorCode.CLOSED, 'x', 1006)).problem).toBe('unreachable');
    expect(joinProblem(new TransportError(TransportErrorCode.INTERNAL, 'x')).problem).toBe('other');
    expect(joinProblem(new TypeError('x')).problem).toBe('other');
  });
});
