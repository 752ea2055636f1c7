import { describe, expect, it } from 'vitest';
import {
  classifyRelayFailure,
  RELAY_FAILURE_KINDS,
  RelayRejectedError,
  TransportError,
  TransportErrorCode,
} from '../src/index';

describe('classifyRelayFailure', () => {
  it('has one kind for every transport error code', () => {
    expect(Object.keys(RELAY_FAILURE_KINDS).sort()).toEqual(Object.values(TransportErrorCode).sort());
  });

  it('classifies a TLS failure as such and too many connections as rate limiting', () => {
    expect(classifyRelayFailure(new TransportError(TransportErrorCode.TLS_FAILED, 'x'))).toEqual({
      kind: 'tls-failed',
    });
    expect(classifyRelayFailure(new RelayRejectedError(TransportErrorCode.TOO_MANY_CONNECTIONS, 'x'))).toEqual({
      kind: 'rate-limited',
    });
  });

  it("keeps the relay's retry hint", () => {
    const error = new RelayRejectedError(TransportErrorCode.RATE_LIMITED, 'x', 4200);
    expect(classifyRelayFailure(error)).toEqual({ kind: 'rate-limited', retryAfterMs: 4200 });
  });

  it('calls anything that is no transport error a failure', () => {
    expect(classifyRelayFailure(new Error('x'))).toEqual({ kind: 'failed' });
    expect(classifyRelayFailure(undefined)).toEqual({ kind: 'failed' });
  });
});
