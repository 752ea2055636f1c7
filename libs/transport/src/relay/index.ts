/**
 * @packageDocumentation
 * `@fernhilfe/transport/relay` (Node only): the relay server as a library. It pairs an agent and
 * a guest by session number and forwards their opaque binary payloads, with audit, rate limits,
 * heartbeats and flow control.
 *
 * @example
 * ```ts
 * import { createRelay } from '@fernhilfe/transport/relay';
 *
 * const relay = await createRelay({
 *   port: 8080,
 *   agentTokens: [{ token: process.env.AGENT_TOKEN!, agentId: 'a-1', displayName: 'Frau Weber', org: 'Stadtwerke' }],
 * });
 * // …
 * await relay.close(); // ends live sessions with `relay-shutdown`, flushes the audit log
 * ```
 */
export { type AgentTokenEntry, type VerifiedAgent, type VerifyAgent, verifyAgentFromList } from './agent-auth';
export { clientAddress } from './client-address';
export { DEFAULT_RELAY_LIMITS, type RelayLimits, type RelayOptions } from './options';
export { createRelay, type Relay, type RelayStats } from './relay';
export { parseTrustedProxies, type TrustedProxies } from './trusted-proxies';
