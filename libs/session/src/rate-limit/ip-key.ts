const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const HEX_GROUP = /^[0-9a-f]{1,4}$/;
const MAX_OTHER_KEY = 64;

function ipv4Octets(text: string): number[] | undefined {
  const match = IPV4.exec(text);
  if (match === null) return undefined;
  const octets = match.slice(1).map(Number);
  return octets.every((octet) => octet <= 255) ? octets : undefined;
}

function ipv6Groups(text: string): number[] | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const parseHalf = (half: string): number[] | undefined => {
    if (half === '') return [];
    const groups: number[] = [];
    const parts = half.split(':');
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      if (i === parts.length - 1 && part.includes('.')) {
        const octets = ipv4Octets(part);
        if (octets === undefined) return undefined;
        groups.push((octets[0]! << 8) | octets[1]!, (octets[2]! << 8) | octets[3]!);
      } else if (HEX_GROUP.test(part)) {
        groups.push(Number.parseInt(part, 16));
      } else {
        return undefined;
      }
    }
    return groups;
  };
  const head = parseHalf(halves[0]!);
  const tail = halves.length === 2 ? parseHalf(halves[1]!) : [];
  if (head === undefined || tail === undefined) return undefined;
  if (halves.length === 1) return head.length === 8 ? head : undefined;
  const missing = 8 - head.length - tail.length;
  if (missing < 1) return undefined;
  return [...head, ...new Array<number>(missing).fill(0), ...tail];
}

type ParsedAddress = { v4: number[] } | { v6: number[] } | { other: string };

function parseAddress(address: string): ParsedAddress {
  let text = address.trim().toLowerCase();
  if (text.startsWith('[') && text.endsWith(']')) text = text.slice(1, -1);
  const zone = text.indexOf('%');
  if (zone !== -1) text = text.slice(0, zone);
  const v4 = ipv4Octets(text);
  if (v4 !== undefined) return { v4 };
  const v6 = text.includes(':') ? ipv6Groups(text) : undefined;
  if (v6 === undefined) return { other: text.slice(0, MAX_OTHER_KEY) };
  const isMapped = v6.slice(0, 5).every((group) => group === 0) && v6[5] === 0xffff;
  if (isMapped) return { v4: [v6[6]! >> 8, v6[6]! & 0xff, v6[7]! >> 8, v6[7]! & 0xff] };
  return { v6 };
}

function v6Key(groups: number[], count: number): string {
  return `v6:${groups
    .slice(0, count)
    .map((group) => group.toString(16))
    .join(':')}`;
}

/**
 * The key a peer address is rate limited under: an IPv4 address as itself, an IPv6 address by
 * its /64 prefix (one customer line usually owns a whole /64), and an IPv4-mapped IPv6 address
 * (`::ffff:192.0.2.1`) as the IPv4 address. Brackets and zone ids are ignored. Anything
 * unparseable is keyed by its own (lower-cased, truncated) text.
 *
 * @param address - peer address as a socket reports it
 * @returns a stable key such as `v4:192.0.2.1` or `v6:2001:db8:0:1`
 */
export function ipRateLimitKey(address: string): string {
  const parsed = parseAddress(address);
  if ('v4' in parsed) return `v4:${parsed.v4.join('.')}`;
  if ('v6' in parsed) return v6Key(parsed.v6, 4);
  return `other:${parsed.other}`;
}

/**
 * The network a peer address is aggregated into, so that many addresses of one network share
 * one budget: IPv4 by /24, IPv6 by /48 (a site: one customer or one hosting account can hold
 * 65 536 /64s of it). Parsed like {@link ipRateLimitKey}; unparseable text is its own network.
 *
 * @param address - peer address as a socket reports it
 * @returns a stable key such as `v4/24:192.0.2` or `v6/48:2001:db8:0`
 */
export function ipPrefixKey(address: string): string {
  const parsed = parseAddress(address);
  if ('v4' in parsed) return `v4/24:${parsed.v4.slice(0, 3).join('.')}`;
  if ('v6' in parsed) return `v6/48:${v6Key(parsed.v6, 3).slice(3)}`;
  return `other:${parsed.other}`;
}
