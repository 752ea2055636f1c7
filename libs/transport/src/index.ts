/**
 * @packageDocumentation
 * `@fernhilfe/transport`: WebSocket connections for Node (`ws`) and browsers (native `WebSocket`),
 * the relay-layer protocol, and the agent and guest relay clients, with HTTP CONNECT proxy
 * tunnelling (Node), heartbeats and backpressure. The relay server itself is in the Node-only
 * subpath `@fernhilfe/transport/relay`.
 *
 * @example
 * ```ts
 * import { createAgentClient, createGuestClient } from '@fernhilfe/transport';
 *
 * const session = await createAgentClient({ url: 'wss://relay.example/relay', token });
 * // … the agent reads session.number to the customer, who types it:
 * const guest = await createGuestClient({ url: 'wss://relay.example/relay', number: session.number });
 * const agent = await session.waitForGuest();
 * await guest.send(new Uint8Array([1, 2, 3]));
 * for await (const bytes of agent) console.log(bytes);
 * ```
 */
export { openConnection } from '#connection';
export {
  ConnectionClosedError,
  errorCodeForClose,
  GOING_AWAY_CLOSE_CODE,
  MESSAGE_TOO_BIG_CLOSE_CODE,
  NORMAL_CLOSE_CODE,
  ProtocolError,
  ProxyError,
  RelayRejectedError,
  TransportCloseCode,
  TransportError,
  TransportErrorCode,
} from '#errors';
export { type AgentClientOptions, type AgentSession, createAgentClient } from './agent-client';
export {
  type CloseInfo,
  type Connection,
  type ConnectionLimits,
  type ConnectionMessage,
  DEFAULT_CONNECTION_LIMITS,
  type OpenConnectionOptions,
  type ProxyAuthHandler,
  type ProxyAuthRequest,
  type ProxyCredentials,
  type ResolvedConnectionLimits,
  resolveLimits,
} from './connection';
export { encodeControlMessage, parsePeerMessage, parseRelayMessage } from './control-message-codec';
export type { GuestChannel } from './guest-channel';
export { createGuestClient, type GuestClientOptions } from './guest-client';
export type { PairedChannel, PeerInfo, SessionEnd } from './paired-channel';
export {
  type CreatedMessage,
  type CreateMessage,
  type ErrorMessage,
  type GuestReport,
  type JoinMessage,
  MAX_CONTROL_MESSAGE_BYTES,
  type PairedMessage,
  PEER_END_REASONS,
  type PeerLeftMessage,
  type PeerToRelayMessage,
  RELAY_SUBPROTOCOL,
  type RelayControlMessage,
  type RelayEndMessage,
  RelayEndReason,
  RelayMessageKind,
  type RelayPingMessage,
  type RelayPongMessage,
  type RelayToPeerMessage,
  RelayWireError,
  type ReportMessage,
} from './protocol';
export { isExcludedByNoProxy, type ProxySettings, resolveProxy } from './proxy-env';
export { classifyRelayFailure, RELAY_FAILURE_KINDS, type RelayFailure, type RelayFailureKind } from './relay-failure';
export type { RelayClientOptions } from './relay-link';
