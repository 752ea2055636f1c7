import { TransportError, TransportErrorCode } from '#errors';
import { encodeControlMessage, parsePeerMessage } from './control-message-codec';
import type { PairedChannel } from './paired-channel';
import type { GuestReport } from './protocol';
import type { RelayLink } from './relay-link';

/**
 * The guest's paired channel: a {@link PairedChannel} that can also report the customer's
 * decisions to the relay for its audit log. Only guests get one; agent channels have no
 * `report` (the relay would refuse an agent's report and end the session as `protocol-error`).
 */
export interface GuestChannel extends PairedChannel {
  /**
   * Tells the relay what the customer decided — consent to view (with scopes) or its refusal,
   * control granted or refused/taken back — so the relay appends `consent-granted`,
   * `consent-refused`, `control-granted` or `control-revoked` to its audit log. The message is a
   * plaintext relay-layer `report` carrying only that fact (no screen content, no keys). The relay
   * does not acknowledge it: the promise says it was handed to the socket, not that the record was
   * written, and the relay audits at most `maxReportsPerSession` (default 64) per session.
   *
   * @param report - the decision
   * @returns resolves once the message is sent
   * @throws {@link TransportError} (rejects) `TRANSPORT_INVALID_ARGUMENT` for a report of the wrong
   *   shape, `TRANSPORT_CLOSED` (or the error that ended it) once the session ended
   *
   * @example
   * ```ts
   * await call.confirm();
   * channel.report({ event: 'consent', granted: true, scopes: ['view'] }).catch(() => undefined);
   * ```
   */
  report(report: GuestReport): Promise<void>;
}

/**
 * Adds {@link GuestChannel.report} to the guest's channel.
 *
 * @param channel - the paired channel of a guest
 * @param link - the relay link under it
 * @returns the same channel, now a {@link GuestChannel}
 */
export function withReports(channel: PairedChannel, link: RelayLink): GuestChannel {
  const report = (decision: GuestReport): Promise<void> => {
    let text: string;
    try {
      text = encodeControlMessage({ type: 'report', ...decision });
      parsePeerMessage(text);
    } catch (cause) {
      return Promise.reject(new TransportError(TransportErrorCode.INVALID_ARGUMENT, 'not a valid report', { cause }));
    }
    return link.connection.send(text);
  };
  return Object.assign(channel, { report });
}
