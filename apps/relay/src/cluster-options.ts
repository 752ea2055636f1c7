import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { CliUsageError, RelayCliErrorCode } from './errors';

/** The cluster part of the relay's settings (`--redis` and friends). */
export interface ClusterSettings {
  /** Redis URL shared by the nodes. */
  redisUrl: string;
  /** This node's id (default: the host name). */
  nodeId: string;
  /** Where the other nodes reach this node's relay endpoint. */
  advertiseUrl: string;
  /** The nodes' shared secret for bridges (from the environment or a file, never an argument). */
  clusterSecret: string;
}

/** The `parseArgs` options of the cluster and of draining. */
export const CLUSTER_ARGS = {
  redis: { type: 'string' },
  'node-id': { type: 'string' },
  'advertise-url': { type: 'string' },
  'cluster-secret-file': { type: 'string' },
  'drain-timeout': { type: 'string' },
} as const;

/** Lines of `--help` for the cluster options. */
export const CLUSTER_HELP = `  --redis URL           run as one node of a cluster sharing this Redis       [FERNHILFE_REDIS_URL]
                        (redis:// or rediss://; without it the relay runs alone, in memory)
  --node-id ID          this node's id in the cluster (default: host name)   [FERNHILFE_NODE_ID]
  --advertise-url URL   where the other nodes reach this node's /relay,      [FERNHILFE_ADVERTISE_URL]
                        e.g. ws://10.0.0.5:8080/relay (default ws://<host name>:<port>/relay)
  --cluster-secret-file FILE  the nodes' shared secret (at least 32 characters) [FERNHILFE_CLUSTER_SECRET_FILE]
                        for bridges between nodes; or the secret itself in FERNHILFE_CLUSTER_SECRET
  --drain-timeout S     on SIGTERM, seconds to wait for live sessions to end  [FERNHILFE_DRAIN_TIMEOUT]
                        before ending them (default 0 alone, 300 with --redis)`;

type Values = Partial<Record<keyof typeof CLUSTER_ARGS, string>>;
type Pick = (option: string | undefined, name: string) => string | undefined;

function secretFrom(file: string | undefined, inline: string | undefined): string {
  let secret = inline;
  if (file !== undefined) {
    try {
      secret = readFileSync(file, 'utf8').trim();
    } catch (cause) {
      throw new CliUsageError(RelayCliErrorCode.MISSING_FILE, `--cluster-secret-file: cannot read ${file}`, { cause });
    }
  }
  if (secret === undefined || secret.length < 32) {
    throw new CliUsageError(
      RelayCliErrorCode.INVALID_OPTION,
      '--redis needs the cluster secret (at least 32 characters) in --cluster-secret-file or FERNHILFE_CLUSTER_SECRET',
    );
  }
  return secret;
}

/**
 * Reads the cluster settings and the drain timeout.
 *
 * @param values - parsed options
 * @param pick - the option, else its environment variable
 * @param env - environment (for the inline secret)
 * @param port - the relay's port (for the default advertise URL)
 * @returns the cluster settings (`undefined` without `--redis`) and the drain timeout in seconds
 * @throws {@link CliUsageError} for bad values or a missing secret
 */
export function readClusterSettings(
  values: Values,
  pick: Pick,
  env: NodeJS.ProcessEnv,
  port: number,
): { cluster: ClusterSettings | undefined; drainTimeoutSeconds: number } {
  const redisUrl = pick(values.redis, 'FERNHILFE_REDIS_URL');
  const drainText = pick(values['drain-timeout'], 'FERNHILFE_DRAIN_TIMEOUT') ?? (redisUrl ? '300' : '0');
  const drainTimeoutSeconds = Number(drainText);
  if (!Number.isInteger(drainTimeoutSeconds) || drainTimeoutSeconds < 0 || drainTimeoutSeconds > 86_400) {
    throw new CliUsageError(
      RelayCliErrorCode.INVALID_OPTION,
      `invalid --drain-timeout (0–86400 seconds): ${drainText}`,
    );
  }
  if (redisUrl === undefined) return { cluster: undefined, drainTimeoutSeconds };
  const nodeId = pick(values['node-id'], 'FERNHILFE_NODE_ID') ?? hostname();
  const advertiseUrl = pick(values['advertise-url'], 'FERNHILFE_ADVERTISE_URL') ?? `ws://${hostname()}:${port}/relay`;
  if (port === 0 && pick(values['advertise-url'], 'FERNHILFE_ADVERTISE_URL') === undefined) {
    throw new CliUsageError(RelayCliErrorCode.CONFLICTING_OPTIONS, '--redis with --port 0 needs --advertise-url');
  }
  const clusterSecret = secretFrom(
    pick(values['cluster-secret-file'], 'FERNHILFE_CLUSTER_SECRET_FILE'),
    env.FERNHILFE_CLUSTER_SECRET,
  );
  return { cluster: { redisUrl, nodeId, advertiseUrl, clusterSecret }, drainTimeoutSeconds };
}
