/** The proxy values of `HKCU\Software\Microsoft\Windows\CurrentVersion\Internet Settings`. */
export interface InternetSettings {
  /** `ProxyEnable`: 1 when the manual proxy is switched on. */
  proxyEnable: number | undefined;
  /** `ProxyServer`: `host:port`, or per scheme `http=host:port;https=host:port`. */
  proxyServer: string | undefined;
  /** `ProxyOverride`: hosts that bypass the proxy, `;`-separated, with `*` wildcards and `<local>`. */
  proxyOverride: string | undefined;
}

/** A Windows manual proxy setting in the form the relay client takes (`ProxySettings` of `@fernhilfe/transport`). */
export interface SystemProxy {
  /** `http://host:port` */
  proxy: string;
  /** The bypass list in `NO_PROXY` syntax (what could be expressed in it). */
  noProxy: string | undefined;
}

const OCTET_WILDCARD = /^(\d{1,3}(?:\.\d{1,3}){0,2})\.\*$/;

function proxyFor(server: string, secure: boolean): string | undefined {
  const entries = server
    .split(';')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 1 && !entries[0]?.includes('=')) return entries[0];
  const byScheme = new Map<string, string>();
  for (const entry of entries) {
    const [scheme, address] = entry.split('=', 2);
    if (scheme !== undefined && address) byScheme.set(scheme.trim().toLowerCase(), address.trim());
  }
  return secure ? (byScheme.get('https') ?? byScheme.get('http')) : byScheme.get('http');
}

function toNoProxyEntry(pattern: string): string | undefined {
  if (pattern === '<local>') return 'localhost,127.0.0.1,::1';
  const octets = OCTET_WILDCARD.exec(pattern);
  if (octets?.[1] !== undefined) {
    const known = octets[1].split('.');
    const base = [...known, ...Array(4 - known.length).fill('0')].join('.');
    return `${base}/${known.length * 8}`;
  }
  if (pattern.startsWith('*.')) return pattern.slice(1);
  return pattern.includes('*') ? undefined : pattern;
}

/**
 * Turns the manual proxy of Windows' Internet Settings into relay-client settings, as a browser
 * on the same PC would use it. Automatic configuration (PAC, WPAD) is not read.
 *
 * @param settings - the registry values
 * @param secure - whether the relay URL is `wss:` (the `https=` entry applies) or `ws:`
 * @returns the proxy, or `undefined` when none is switched on
 */
export function systemProxyFromInternetSettings(settings: InternetSettings, secure: boolean): SystemProxy | undefined {
  if (settings.proxyEnable !== 1 || settings.proxyServer === undefined) return undefined;
  const address = proxyFor(settings.proxyServer, secure);
  if (address === undefined || address === '') return undefined;
  const bypass = (settings.proxyOverride ?? '')
    .split(';')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map(toNoProxyEntry)
    .filter((entry): entry is string => entry !== undefined);
  return {
    proxy: /^[a-z]+:\/\//i.test(address) ? address : `http://${address}`,
    noProxy: bypass.length === 0 ? undefined : bypass.join(','),
  };
}
