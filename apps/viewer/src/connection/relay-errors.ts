import { classifyRelayFailure, type RelayFailureKind } from '@fernhilfe/transport';
import { ViewerError, ViewerErrorCode } from '../errors';

/** The relay failure kinds the viewer names; every other failure is `VIEWER_RELAY_UNREACHABLE`. */
const FROM_KIND: Readonly<Partial<Record<RelayFailureKind, ViewerErrorCode>>> = {
  'token-rejected': ViewerErrorCode.TOKEN_REJECTED,
  'invalid-request': ViewerErrorCode.TOKEN_REJECTED,
  'unknown-number': ViewerErrorCode.UNKNOWN_NUMBER,
  expired: ViewerErrorCode.EXPIRED,
  'rate-limited': ViewerErrorCode.RATE_LIMITED,
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
  const code = FROM_KIND[classifyRelayFailure(error).kind] ?? ViewerErrorCode.RELAY_UNREACHABLE;
  const message = error instanceof Error ? error.message : String(error);
  return new ViewerError(code, message, { cause: error });
}
