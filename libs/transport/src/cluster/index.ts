/**
 * @packageDocumentation
 * The cluster mode of the relay, loaded by `createRelay({ cluster })` only: the Redis client is
 * never loaded by a relay without a cluster.
 */
export { BRIDGE_HEADER, BRIDGE_SUBPROTOCOL, type BridgeHello, signBridgeHello, verifyBridgeHello } from './bridge-auth';
export type { ClusterNode } from './node-list';
export type { ClusterOptions } from './options';
export { openRedisLink, type RedisLink, type RedisLinkOptions } from './redis-link';
export { createRedisRegistry, type RedisRegistry, type RedisRegistryOptions } from './redis-registry';
export {
  createSharedRateLimiter,
  type SharedRateLimiter,
  type SharedRateLimiterOptions,
} from './shared-rate-limiter';
export { type ClusterNodeDeps, type ClusterNodeRuntime, startClusterNode } from './start-cluster';
