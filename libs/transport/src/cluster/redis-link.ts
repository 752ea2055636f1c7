import { createHash } from 'node:crypto';
import { createClient, ErrorReply } from '@redis/client';
import { TransportError, TransportErrorCode } from '#errors';

/** What the cluster needs of Redis: commands, scripts, and whether the link is up. */
export interface RedisLink {
  /** `true` while connected and ready. */
  readonly ready: boolean;
  /**
   * Runs one command.
   * @param args - command and arguments
   * @returns the reply
   * @throws `TransportError` `TRANSPORT_RELAY_UNAVAILABLE` while Redis is unreachable
   */
  command<T = unknown>(args: readonly string[]): Promise<T>;
  /**
   * Runs a Lua script (by its SHA-1, loading it on `NOSCRIPT`).
   * @param script - Lua source
   * @param keys - the script's KEYS
   * @param args - the script's ARGV
   * @returns the reply
   * @throws `TransportError` `TRANSPORT_RELAY_UNAVAILABLE` while Redis is unreachable
   */
  eval<T = unknown>(script: string, keys: readonly string[], args: readonly string[]): Promise<T>;
  /**
   * Registers a callback for each time the link comes up again after it was down.
   * @param listener - called on every reconnect
   */
  onReconnect(listener: () => void): void;
  /** Closes the connection. */
  close(): Promise<void>;
}

/** Options of {@link openRedisLink}. */
export interface RedisLinkOptions {
  /** `redis://` or `rediss://` URL. */
  url: string;
  /** Gets connection problems (once per outage, not per retry). */
  onError: (error: Error) => void;
  /** How long one command may take before it fails, in ms. @defaultValue 2000 */
  commandTimeoutMs?: number;
}

const MAX_RECONNECT_DELAY_MS = 1_000;

function unavailable(cause: unknown): TransportError {
  return cause instanceof TransportError
    ? cause
    : new TransportError(TransportErrorCode.RELAY_UNAVAILABLE, 'the cluster store (Redis) is unreachable', { cause });
}

/**
 * Opens a Redis link with `@redis/client` (node-redis). Commands never queue while Redis is down:
 * they fail at once with `TRANSPORT_RELAY_UNAVAILABLE`, and the client keeps reconnecting (at most
 * 1 s apart), so a node recovers when Redis returns.
 *
 * @param options - see {@link RedisLinkOptions}
 * @returns the connected link
 * @throws `TransportError` `TRANSPORT_RELAY_UNAVAILABLE` when the first connection fails
 */
export async function openRedisLink(options: RedisLinkOptions): Promise<RedisLink> {
  const client = createClient({
    url: options.url,
    RESP: 2,
    disableOfflineQueue: true,
    commandOptions: { timeout: options.commandTimeoutMs ?? 2_000 },
    socket: {
      connectTimeout: 2_000,
      reconnectStrategy: (retries: number) => Math.min(50 * 2 ** Math.min(retries, 5), MAX_RECONNECT_DELAY_MS),
    },
  });
  const listeners: Array<() => void> = [];
  let down = false;
  client.on('error', (error: Error) => {
    if (down) return;
    down = true;
    options.onError(unavailable(error));
  });
  client.on('ready', () => {
    if (!down) return;
    down = false;
    for (const listener of listeners) listener();
  });
  try {
    await client.connect();
  } catch (cause) {
    client.destroy();
    throw unavailable(cause);
  }
  const shas = new Map<string, string>();
  const run = async <T>(args: readonly string[]): Promise<T> => {
    try {
      return (await client.sendCommand(args)) as T;
    } catch (cause) {
      // A reply error is Redis answering (a script's fault); anything else means it is out of reach.
      throw cause instanceof ErrorReply ? cause : unavailable(cause);
    }
  };
  return {
    get ready() {
      return client.isReady;
    },
    command: run,
    async eval<T>(script: string, keys: readonly string[], args: readonly string[]) {
      let sha = shas.get(script);
      if (sha === undefined) {
        sha = createHash('sha1').update(script).digest('hex');
        shas.set(script, sha);
      }
      const tail = [String(keys.length), ...keys, ...args];
      try {
        return await run<T>(['EVALSHA', sha, ...tail]);
      } catch (error) {
        if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
        return run<T>(['EVAL', script, ...tail]);
      }
    },
    onReconnect(listener) {
      listeners.push(listener);
    },
    async close() {
      if (!client.isOpen) return;
      // A link that is down would wait for a reconnect to say goodbye.
      if (!client.isReady) client.destroy();
      else await client.close().catch(() => client.destroy());
    },
  };
}
