import { TransportError, TransportErrorCode } from '@fernhilfe/transport';
import { ViewerError, ViewerErrorCode } from '../errors';

const FROM_TRANSPORT: Readonly<Partial<Record<TransportErrorCode, ViewerErrorCode>>> = {
  [TransportErrorCode.UNAUTHORIZED]: ViewerErrorCode.TOKEN_REJECTED,
  [TransportErrorCode.INVALID_ARGUMENT]: ViewerErrorCode.TOKEN_REJECTED,
  [TransportErrorCode.UNKNOWN_NUMBER]: ViewerErrorCode.UNKNOWN_NUMBER,
  [TransportErrorCode.EXPIRED]: ViewerErrorCode.EXPIRED,
  [TransportErrorCode.RATE_LIMITED]: ViewerErrorCode.RATE_LIMITED,
  [TransportErrorCode.TOO_MANY_CONNECTIONS]: ViewerErrorCode.RATE_LIMITED,
};

/**
 * The viewer's error for anything the relay client threw. A rejected (or empty) token is
 * `VIEWER_TOKEN_REJECTED`; number and rate-limit refusals keep their meaning; every failure
 * to reach or keep the relay (connect, TLS, timeout, closed, protocol) is
 * `VIEWER_RELAY_UNREACHABLE`.
 *
 * @param error - what `createAgentClient` or `waitForGuest` rejected with
 * @returns the matching {@link ViewerError}
 */
export function viewerErrorFromRelay(error: unknown): ViewerError {
  if (error instanceof ViewerError) return error;
  const code =
    error instanceof TransportError
      ? (FROM_TRANSPORT[error.code] ?? ViewerErrorCode.RELAY_UNREACHABLE)
      : ViewerErrorCode.RELAY_UNREACHABLE;
  const message = error instanceof Error ? error.message : String(error);
  return new ViewerError(code, message, { cause: error });
}
