import { TransportError, TransportErrorCode } from '#errors';

/** A message as delivered by a {@link Connection}: text frames as strings, binary frames as bytes. */
export type ConnectionMessage = string | Uint8Array;

/** How a connection ended. */
export interface CloseInfo {
  /** WebSocket close code (1006 when the connection dropped without a close frame). */
  code: number;
  /** Close reason text (may be empty). */
  reason: string;
  /** The typed error behind the close, when the close was not a normal one. */
  error?: TransportError;
}

/**
 * One WebSocket, the same shape in Node (`ws`) and in browsers (native `WebSocket`).
 * Sending waits while too much is buffered; reading can be paused (Node only, see {@link Connection.pause}).
 */
export interface Connection {
  /** The negotiated subprotocol ('' when none). */
  readonly protocol: string;
  /** Bytes queued for sending and not yet handed to the network. */
  readonly bufferedAmount: number;
  /** `true` until the connection closed or started closing. */
  readonly isOpen: boolean;
  /** Resolves once when the connection is closed, by either side or by an error. Never rejects. */
  readonly closed: Promise<CloseInfo>;
  /**
   * Sends one message. Resolves once the message is queued below the high-water mark, so
   * `await`ing every send keeps memory bounded.
   *
   * @param message - text (control) or bytes (payload); bytes must not change until `written` runs
   * @param written - runs once when the connection holds no reference to `message` any more:
   *   after the socket has written it, or when it was refused or dropped because the connection
   *   closed. Lets the caller reuse the buffer (see `SealBufferPool` in `@fernhilfe/crypto`).
   * @returns a promise that resolves when the caller may send again
   * @throws {@link ConnectionClosedError} (rejects) when the connection is closed;
   *   {@link TransportError} `TRANSPORT_MESSAGE_TOO_LARGE` above `maxMessageBytes`,
   *   `TRANSPORT_SEND_QUEUE_FULL` when un-awaited sends exceed the send queue
   */
  send(message: ConnectionMessage, written?: () => void): Promise<void>;
  /**
   * Registers the single message handler (replaces the previous one).
   *
   * @param handler - called for each received message, in order
   */
  onMessage(handler: (message: ConnectionMessage) => void): void;
  /**
   * Stops reading from the network so TCP backpressure reaches the sender. In browsers the native
   * `WebSocket` cannot stop reading; there this only holds messages back in memory.
   */
  pause(): void;
  /** Undoes {@link Connection.pause}. */
  resume(): void;
  /**
   * Closes the connection (idempotent).
   *
   * @param code - WebSocket close code, default 1000
   * @param reason - short reason text (at most 123 bytes)
   */
  close(code?: number, reason?: string): void;
  /**
   * Closes with the close code of a typed error, which is then reported as {@link CloseInfo.error}.
   *
   * @param error - why the connection is closed
   */
  fail(error: TransportError): void;
}

/** Limits and timers of a {@link Connection}. */
export interface ConnectionLimits {
  /**
   * Largest message accepted in either direction, in bytes.
   * @defaultValue 1 MiB
   */
  maxMessageBytes?: number;
  /**
   * `send()` waits while more than this many bytes are buffered.
   * @defaultValue 1 MiB
   */
  highWaterMark?: number;
  /**
   * Bytes of un-awaited sends accepted before `send()` rejects with `TRANSPORT_SEND_QUEUE_FULL`.
   * @defaultValue 8 MiB
   */
  maxQueuedBytes?: number;
  /**
   * Interval between heartbeats in milliseconds.
   * @defaultValue 15000
   */
  heartbeatIntervalMs?: number;
  /**
   * A peer silent for this long (no message, no pong) is dropped with `TRANSPORT_HEARTBEAT_TIMEOUT`.
   * @defaultValue 45000
   */
  heartbeatTimeoutMs?: number;
}

/** {@link ConnectionLimits} with every default applied. */
export type ResolvedConnectionLimits = Required<ConnectionLimits>;

/** Default values of {@link ConnectionLimits}. */
export const DEFAULT_CONNECTION_LIMITS: ResolvedConnectionLimits = Object.freeze({
  maxMessageBytes: 1024 * 1024,
  highWaterMark: 1024 * 1024,
  maxQueuedBytes: 8 * 1024 * 1024,
  heartbeatIntervalMs: 15_000,
  heartbeatTimeoutMs: 45_000,
});

/** What {@link OpenConnectionOptions.onProxyAuth} is told when the proxy asks for credentials. */
export interface ProxyAuthRequest {
  /** The proxy as `host:port` (never with credentials). */
  proxy: string;
  /** 1 for the first request for credentials, 2 after the first answer was rejected. */
  attempt: number;
}

/** Basic credentials for an HTTP proxy; kept in memory for one connection attempt only. */
export interface ProxyCredentials {
  /** User name. */
  username: string;
  /** Password. */
  password: string;
}

/**
 * Asked when the proxy answers 407; return credentials to retry with, or `null` to give up.
 *
 * @param request - which proxy asks and how often it asked already
 * @returns credentials, or `null`
 */
export type ProxyAuthHandler = (
  request: ProxyAuthRequest,
) => ProxyCredentials | null | Promise<ProxyCredentials | null>;

/** Options for opening a client {@link Connection}. Fields marked "Node only" are ignored in browsers. */
export interface OpenConnectionOptions extends ConnectionLimits {
  /** WebSocket subprotocols to offer. */
  protocols?: string[];
  /**
   * Give up opening after this many milliseconds (`TRANSPORT_TIMEOUT`).
   * @defaultValue 15000
   */
  openTimeoutMs?: number;
  /**
   * Node only: proxy URL, or `false` for a direct connection. Default: from the environment
   * (`HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY`, `NO_PROXY`, as curl reads them). Browsers use the
   * browser's proxy settings.
   */
  proxy?: string | false;
  /** Node only: hosts that bypass the proxy, `NO_PROXY` syntax. Default: `NO_PROXY` from the environment. */
  noProxy?: string;
  /** Node only: environment to read proxy variables from. Default: `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Node only: called when the proxy answers 407 (ask the user); credentials are never stored or logged. */
  onProxyAuth?: ProxyAuthHandler;
  /**
   * Node only: extra trusted CA certificates (PEM) for a self-hosted relay, added to the system ones.
   * Certificates are always verified. Browsers use the system trust store.
   */
  ca?: string | Uint8Array | Array<string | Uint8Array>;
  /**
   * Node only, direct connections: the local address to connect from (a host with several
   * addresses; tests use 127.0.0.x to stand in for different customers).
   */
  localAddress?: string;
}

/**
 * Applies defaults and checks every limit.
 *
 * @param limits - limits given by the caller
 * @returns all limits with defaults filled in
 * @throws {@link TransportError} `TRANSPORT_INVALID_ARGUMENT` for a limit that is not a positive integer
 */
export function resolveLimits(limits: ConnectionLimits = {}): ResolvedConnectionLimits {
  const resolved = { ...DEFAULT_CONNECTION_LIMITS };
  for (const key of Object.keys(DEFAULT_CONNECTION_LIMITS) as Array<keyof ResolvedConnectionLimits>) {
    const value = limits[key];
    if (value === undefined) continue;
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new TransportError(TransportErrorCode.INVALID_ARGUMENT, `${key} must be a positive integer`);
    }
    resolved[key] = value;
  }
  return resolved;
}
