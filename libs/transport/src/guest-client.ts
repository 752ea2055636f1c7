import { NORMAL_CLOSE_CODE, ProtocolError, TransportError, TransportErrorCode } from '#errors';
import { resolveLimits } from './connection';
import { type GuestChannel, withReports } from './guest-channel';
import { createPairedChannel } from './paired-channel';
import { RelayEndReason } from './protocol';
import { type RelayClientOptions, RelayLink } from './relay-link';

/** Options of {@link createGuestClient}. */
export interface GuestClientOptions extends RelayClientOptions {
  /** The session number as the customer typed it (spaces and dashes are fine). */
  number: string;
}

/**
 * Connects as a guest and joins the session with the given number. Guests need no account.
 *
 * @param options - relay URL, number, limits, proxy (with `onProxyAuth`) and TLS settings
 * @returns the paired channel; `channel.peer` names the agent's organisation and display name, and
 *   `channel.report` tells the relay's audit log what the customer allowed
 * @throws {@link RelayRejectedError} (rejects) `TRANSPORT_UNKNOWN_NUMBER`, `TRANSPORT_EXPIRED`,
 *   `TRANSPORT_ALREADY_TAKEN`, `TRANSPORT_RATE_LIMITED` (with `retryAfterMs`); {@link ProxyError};
 *   any connection error of {@link openConnection}
 *
 * @example
 * ```ts
 * const channel = await createGuestClient({ url: 'wss://relay.example/relay', number: '1234 5678',
 *   onProxyAuth: async () => askCustomerForProxyLogin() });
 * console.log(`${channel.peer.agentName} (${channel.peer.org}) möchte Ihren Bildschirm sehen`);
 * ```
 */
export async function createGuestClient(options: GuestClientOptions): Promise<GuestChannel> {
  if (typeof options.number !== 'string' || options.number.length === 0 || options.number.length > 32) {
    throw new TransportError(TransportErrorCode.INVALID_ARGUMENT, 'number must be a short non-empty string');
  }
  const limits = resolveLimits(options);
  const { number, ...rest } = options;
  const link = await RelayLink.open(rest);
  try {
    await link.send({ type: 'join', number });
    const answer = await link.nextControl();
    if (answer.type !== 'paired') {
      throw new ProtocolError(TransportErrorCode.UNEXPECTED_MESSAGE, `expected paired, got ${answer.type}`);
    }
    const channel = createPairedChannel(
      link,
      { sessionId: answer.sessionId, org: answer.org, agentName: answer.agentName },
      RelayEndReason.guestEnded,
      limits.highWaterMark,
    );
    return withReports(channel, link);
  } catch (error) {
    link.connection.close(NORMAL_CLOSE_CODE, 'failed');
    throw error;
  }
}
