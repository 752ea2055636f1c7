import { NORMAL_CLOSE_CODE, ProtocolError, TransportError, TransportErrorCode } from '#errors';
import { resolveLimits } from './connection';
import { createPairedChannel, type PairedChannel } from './paired-channel';
import { RelayEndReason } from './protocol';
import { type RelayClientOptions, RelayLink } from './relay-link';

function endError(reason: RelayEndReason): TransportError {
  if (reason === RelayEndReason.expired) {
    return new TransportError(TransportErrorCode.EXPIRED, 'no guest joined before the number expired');
  }
  if (reason === RelayEndReason.relayShutdown) {
    return new TransportError(TransportErrorCode.RELAY_SHUTDOWN, 'the relay is shutting down');
  }
  return new TransportError(TransportErrorCode.SESSION_ENDED, `session ended: ${reason}`);
}

/** Options of {@link createAgentClient}. */
export interface AgentClientOptions extends RelayClientOptions {
  /** The agent's bearer token (sent in the first message, never in the URL). */
  token: string;
}

/** A session the agent created, waiting for the guest. */
export interface AgentSession {
  /** 8-digit session number to read to the customer. */
  readonly number: string;
  /** Session id. */
  readonly sessionId: string;
  /** When the number expires (ms since the epoch). */
  readonly expiresAt: number;
  /**
   * Waits for the guest to join.
   *
   * @returns the paired channel
   * @throws {@link TransportError} (rejects) `TRANSPORT_EXPIRED` when no guest joined in time, or the
   *   error that closed the connection
   */
  waitForGuest(): Promise<PairedChannel>;
  /** Gives up the session before a guest joined. */
  cancel(): void;
}

/**
 * Connects as an agent, authenticates with the token and creates a session.
 *
 * @param options - relay URL, token, limits, proxy and TLS settings
 * @returns the created session with its number
 * @throws {@link TransportError} (rejects) `TRANSPORT_UNAUTHORIZED` for a rejected token, or any
 *   connection error of {@link openConnection}
 *
 * @example
 * ```ts
 * const session = await createAgentClient({ url: 'wss://relay.example/relay', token });
 * console.log('Ihre Sitzungsnummer:', session.number);
 * const channel = await session.waitForGuest();
 * for await (const bytes of channel) handle(bytes);
 * ```
 */
export async function createAgentClient(options: AgentClientOptions): Promise<AgentSession> {
  if (typeof options.token !== 'string' || options.token.length === 0) {
    throw new TransportError(TransportErrorCode.INVALID_ARGUMENT, 'token must be a non-empty string');
  }
  const limits = resolveLimits(options);
  const { token, ...rest } = options;
  const link = await RelayLink.open(rest);
  try {
    await link.send({ type: 'create', token });
    const created = await link.nextControl();
    if (created.type !== 'created') {
      throw new ProtocolError(TransportErrorCode.UNEXPECTED_MESSAGE, `expected created, got ${created.type}`);
    }
    let waiting: Promise<PairedChannel> | undefined;
    return {
      number: created.number,
      sessionId: created.sessionId,
      expiresAt: created.expiresAt,
      waitForGuest: () => {
        waiting ??= link.nextControl().then((message) => {
          if (message.type === 'paired') {
            return createPairedChannel(
              link,
              { sessionId: message.sessionId, org: message.org, agentName: message.agentName },
              RelayEndReason.agentEnded,
              limits.highWaterMark,
            );
          }
          link.connection.close(NORMAL_CLOSE_CODE, 'unexpected');
          if (message.type === 'end') throw endError(message.reason);
          throw new ProtocolError(TransportErrorCode.UNEXPECTED_MESSAGE, `expected paired, got ${message.type}`);
        });
        return waiting;
      },
      cancel: () => {
        link.send({ type: 'end', reason: RelayEndReason.agentEnded }).catch(() => undefined);
        link.connection.close(NORMAL_CLOSE_CODE, RelayEndReason.agentEnded);
      },
    };
  } catch (error) {
    link.connection.close(NORMAL_CLOSE_CODE, 'failed');
    throw error;
  }
}
