import { TransportError, TransportErrorCode } from '#errors';

/** Where the proxy settings come from: explicit options first, then the environment. */
export interface ProxySettings {
  /**
   * Proxy URL (`http://host:port`) to use for every connection, or `false` to never use a proxy.
   * When absent, `HTTPS_PROXY` (for `wss:`), `HTTP_PROXY` (for `ws:`) or `ALL_PROXY` are read,
   * lower case before upper case.
   */
  proxy?: string | false;
  /** Hosts that bypass the proxy, in `NO_PROXY` syntax. When absent, `NO_PROXY`/`no_proxy` is read. */
  noProxy?: string;
  /**
   * Environment to read.
   * @defaultValue `process.env` in Node, `{}` elsewhere
   */
  env?: Readonly<Record<string, string | undefined>>;
}

function fromEnv(env: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  const value = env[name.toLowerCase()] ?? env[name.toUpperCase()];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function defaultPort(protocol: string): number {
  return protocol === 'wss:' || protocol === 'https:' ? 443 : 80;
}

function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

function ipv4ToNumber(address: string): number | undefined {
  const parts = address.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const byte = Number(part);
    if (byte > 255) return undefined;
    value = value * 256 + byte;
  }
  return value;
}

function matchesCidr(host: string, pattern: string): boolean {
  const [base, bitsText] = pattern.split('/');
  const bits = Number(bitsText);
  const hostValue = ipv4ToNumber(host);
  const baseValue = base === undefined ? undefined : ipv4ToNumber(base);
  if (hostValue === undefined || baseValue === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32) {
    return false;
  }
  const size = 2 ** (32 - bits);
  return Math.floor(hostValue / size) === Math.floor(baseValue / size);
}

function splitHostPort(entry: string): { host: string; port: number | undefined } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return { host: bracketed[1] as string, port: bracketed[2] ? Number(bracketed[2]) : undefined };
  const colons = entry.split(':').length - 1;
  if (colons === 1) {
    const [host, port] = entry.split(':') as [string, string];
    if (/^\d+$/.test(port)) return { host, port: Number(port) };
  }
  return { host: entry, port: undefined };
}

/**
 * Whether `NO_PROXY` excludes this host, with curl's rules: `*` matches every host; an entry matches
 * the host itself and its subdomains (a leading `.` is ignored); IP addresses match exactly or by
 * IPv4 CIDR (`10.0.0.0/8`); `host:port` matches that port only; matching ignores case.
 *
 * @param hostname - host of the target URL (IPv6 with or without brackets)
 * @param port - port of the target URL
 * @param noProxy - the `NO_PROXY` value
 * @returns `true` when the proxy must be bypassed
 */
export function isExcludedByNoProxy(hostname: string, port: number, noProxy: string): boolean {
  const host = stripBrackets(hostname.toLowerCase()).replace(/\.$/, '');
  for (const raw of noProxy.split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return true;
    const parsed = splitHostPort(entry);
    if (parsed.port !== undefined && parsed.port !== port) continue;
    const pattern = parsed.host.replace(/^\*?\./, '').replace(/\.$/, '');
    if (pattern.includes('/')) {
      if (matchesCidr(host, pattern)) return true;
      continue;
    }
    if (host === pattern || host.endsWith(`.${pattern}`)) return true;
  }
  return false;
}

/**
 * Picks the HTTP proxy for a WebSocket URL the way curl does: explicit settings first, then
 * `https_proxy`/`HTTPS_PROXY` for `wss:`, `http_proxy`/`HTTP_PROXY` for `ws:`, then
 * `all_proxy`/`ALL_PROXY`; `no_proxy`/`NO_PROXY` excludes hosts (see {@link isExcludedByNoProxy}).
 * A proxy URL without scheme means `http://`.
 *
 * @param target - the `ws:`/`wss:` URL to reach
 * @param settings - explicit settings and the environment
 * @returns the proxy URL, or `undefined` for a direct connection
 * @throws {@link TransportError} `TRANSPORT_INVALID_ARGUMENT` for a proxy URL that is not `http://host[:port]`
 */
export function resolveProxy(target: URL, settings: ProxySettings = {}): URL | undefined {
  const env = settings.env ?? (typeof process === 'undefined' ? {} : process.env);
  if (settings.proxy === false) return undefined;
  const secure = target.protocol === 'wss:' || target.protocol === 'https:';
  const chosen = settings.proxy ?? fromEnv(env, secure ? 'https_proxy' : 'http_proxy') ?? fromEnv(env, 'all_proxy');
  if (chosen === undefined) return undefined;
  const noProxy = settings.noProxy ?? fromEnv(env, 'no_proxy');
  const port = target.port === '' ? defaultPort(target.protocol) : Number(target.port);
  if (noProxy !== undefined && isExcludedByNoProxy(target.hostname, port, noProxy)) return undefined;
  let proxy: URL;
  try {
    proxy = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(chosen) ? chosen : `http://${chosen}`);
  } catch {
    // No `cause`: the URL parser's error carries the input, which may hold proxy credentials.
    throw new TransportError(TransportErrorCode.INVALID_ARGUMENT, 'proxy setting is not a URL');
  }
  if (proxy.protocol !== 'http:') {
    throw new TransportError(TransportErrorCode.INVALID_ARGUMENT, `unsupported proxy scheme ${proxy.protocol}`);
  }
  return proxy;
}
