import { isEndReason } from '@fernhilfe/session';
import { NORMAL_CLOSE_CODE, TransportError, TransportErrorCode } from '#errors';
import { InboundQueue } from './inbound-queue';
import { RelayEndReason as EndReasons, type RelayEndReason } from './protocol';
import type { RelayLink } from './relay-link';

const LOST_CODES = new Set<string>([TransportErrorCode.HEARTBEAT_TIMEOUT, TransportErrorCode.CLOSED]);

/** Who is on the other side, as the relay vouches for it. */
export interface PeerInfo {
  /** Session id assigned by the relay. */
  sessionId: string;
  /** Organisation of the agent. */
  org: string;
  /** Display name of the agent. */
  agentName: string;
}

/** How a paired session ended. */
export interface SessionEnd {
  /** End reason from the relay layer (`peer-left` when the connection just dropped). */
  reason: RelayEndReason;
  /** The typed error when the session ended abnormally (heartbeat timeout, limit, protocol error). */
  error?: TransportError;
}

/**
 * A paired byte channel: opaque binary messages to and from the other peer, forwarded verbatim
 * by the relay. Consume with `for await` or {@link PairedChannel.onMessage} (not both).
 */
export interface PairedChannel extends AsyncIterable<Uint8Array> {
  /** Session id and the agent's organisation and name. */
  readonly peer: PeerInfo;
  /** Resolves once when the session ended, never rejects. */
  readonly ended: Promise<SessionEnd>;
  /**
   * Sends one payload to the other peer; await it to respect backpressure.
   *
   * @param bytes - at most `maxMessageBytes` (default 1 MiB); must not change until `written` runs
   * @param written - runs once when the transport holds no reference to `bytes` any more (see
   *   {@link Connection.send}); the session link's `release` goes here
   * @returns resolves when the next send may follow
   * @throws {@link TransportError} (rejects) `TRANSPORT_MESSAGE_TOO_LARGE`, `TRANSPORT_SEND_QUEUE_FULL`, or a
   *   `TRANSPORT_CLOSED` (or the error that ended it) once the session ended
   */
  send(bytes: Uint8Array, written?: () => void): Promise<void>;
  /**
   * Receives payloads through a callback instead of the async iterator.
   *
   * @param handler - called for every payload, in order
   */
  onMessage(handler: (bytes: Uint8Array) => void): void;
  /**
   * Ends the session for both sides (sends `end`, then closes).
   *
   * @param reason - defaults to `agent-ended` for agents, `guest-ended` for guests
   */
  close(reason?: RelayEndReason): void;
}

/**
 * Builds the channel on a link that just received `paired`.
 *
 * @param link - the relay link
 * @param peer - data of the `paired` message
 * @param ownEndReason - end reason used by {@link PairedChannel.close}
 * @param highWaterMark - inbound bytes held before pausing the connection
 * @returns the channel
 */
export function createPairedChannel(
  link: RelayLink,
  peer: PeerInfo,
  ownEndReason: RelayEndReason,
  highWaterMark: number,
): PairedChannel {
  const connection = link.connection;
  const queue = new InboundQueue(connection, highWaterMark);
  let handler: ((bytes: Uint8Array) => void) | undefined;
  let endReason: RelayEndReason | undefined;
  link.onPayload((bytes) => (handler ? handler(bytes) : queue.push(bytes)));

  const watchControls = async () => {
    for (;;) {
      const control = await link.nextControl();
      if (control.type === 'end') endReason ??= control.reason;
      if (control.type === 'peer-left') endReason ??= EndReasons.peerLost;
    }
  };
  watchControls().catch(() => undefined);

  const ended: Promise<SessionEnd> = connection.closed.then((info) => {
    queue.finish();
    const lost = !info.error || LOST_CODES.has(info.error.code);
    const closeReason = isEndReason(info.reason) ? info.reason : undefined;
    const reason = endReason ?? closeReason ?? (lost ? EndReasons.peerLost : EndReasons.protocolError);
    const error =
      info.error &&
      info.error.code !== TransportErrorCode.SESSION_ENDED &&
      info.error.code !== TransportErrorCode.PEER_LEFT
        ? info.error
        : undefined;
    return error ? { reason, error } : { reason };
  });

  return {
    peer: Object.freeze({ ...peer }),
    ended,
    send: (bytes, written) => {
      if (!(bytes instanceof Uint8Array)) {
        written?.();
        return Promise.reject(new TransportError(TransportErrorCode.INVALID_ARGUMENT, 'payload must be bytes'));
      }
      return connection.send(bytes, written);
    },
    onMessage: (next) => {
      handler = next;
      queue.drainTo(next);
    },
    close: (reason = ownEndReason) => {
      if (!connection.isOpen) return;
      endReason ??= reason;
      connection.send(JSON.stringify({ type: 'end', reason })).catch(() => undefined);
      connection.close(NORMAL_CLOSE_CODE, reason);
    },
    [Symbol.asyncIterator]: () => ({ next: () => queue.next() }),
  };
}
