import { BlockList, isIP } from 'node:net';
import { TransportError, TransportErrorCode } from '#errors';

/** The reverse proxies whose `X-Forwarded-For` the relay believes: addresses and CIDR ranges. */
export interface TrustedProxies {
  /**
   * @param address - a peer address (IPv4, IPv6, or IPv4-mapped IPv6)
   * @returns whether it is one of the trusted proxies; `false` for anything that is no address
   */
  has(address: string): boolean;
  /** How many entries (addresses and ranges) were given. */
  readonly size: number;
  /** The entries as given, normalised (`127.0.0.0/8`, `::1`). */
  readonly entries: readonly string[];
}

function invalid(entry: string, why: string): TransportError {
  return new TransportError(
    TransportErrorCode.INVALID_ARGUMENT,
    `trusted proxy "${entry.slice(0, 64)}": ${why} (give an address such as 127.0.0.1 or ::1, or a range such as 10.0.0.0/8)`,
  );
}

function familyOf(address: string): 'ipv4' | 'ipv6' | undefined {
  const version = isIP(address);
  return version === 4 ? 'ipv4' : version === 6 ? 'ipv6' : undefined;
}

/**
 * Reads the trusted proxies: each entry an IPv4 or IPv6 address, or a CIDR range
 * (`127.0.0.0/8`, `fd00::/8`). Matching is `node:net`'s `BlockList`, which also matches
 * IPv4-mapped IPv6 peers (`::ffff:127.0.0.1`) against IPv4 entries.
 *
 * @param entries - addresses and ranges; surrounding spaces are ignored
 * @returns the matcher
 * @throws `TransportError` (of `@fernhilfe/transport`) `TRANSPORT_INVALID_ARGUMENT` for an entry that is neither, or a
 *   prefix length out of range (IPv4 0–32, IPv6 0–128)
 */
export function parseTrustedProxies(entries: readonly string[]): TrustedProxies {
  const list = new BlockList();
  const normalised: string[] = [];
  for (const raw of entries) {
    const entry = raw.trim();
    const slash = entry.indexOf('/');
    const address = slash === -1 ? entry : entry.slice(0, slash);
    const family = familyOf(address);
    if (family === undefined) throw invalid(entry, 'not an IP address');
    if (slash === -1) {
      list.addAddress(address, family);
      normalised.push(address);
      continue;
    }
    const prefixText = entry.slice(slash + 1);
    const prefix = Number(prefixText);
    const max = family === 'ipv4' ? 32 : 128;
    if (!/^\d{1,3}$/.test(prefixText) || prefix > max) throw invalid(entry, `prefix length must be 0–${max}`);
    list.addSubnet(address, prefix, family);
    normalised.push(`${address}/${prefix}`);
  }
  return Object.freeze({
    has(address: string) {
      const family = familyOf(address);
      return family !== undefined && list.check(address, family);
    },
    size: normalised.length,
    entries: Object.freeze(normalised),
  });
}
