import { createHmac, timingSafeEqual } from 'node:crypto';

/** WebSocket subprotocol of a node-to-node bridge. */
export const BRIDGE_SUBPROTOCOL = 'fernhilfe-bridge.v1';

/** HTTP header that carries the signed {@link BridgeHello} on the bridge's upgrade request. */
export const BRIDGE_HEADER = 'x-fernhilfe-bridge';

/** What a node says when it bridges a guest to the node hosting the session. */
export interface BridgeHello {
  /** Id of the node the guest reached. */
  from: string;
  /** The session the guest claimed. */
  sessionId: string;
  /** The guest's address as the entry node saw it (for the host's audit record). */
  guestAddress: string;
  /** When the hello was signed, ms since the epoch. */
  at: number;
}

const MAX_HEADER_CHARS = 1_024;
/** How far a hello's time may be from the host's clock: covers clock skew, limits replay. */
const MAX_SKEW_MS = 30_000;

function mac(payload: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(payload).digest();
}

/**
 * Signs a hello with the cluster secret (HMAC-SHA-256).
 *
 * @param hello - the hello
 * @param secret - the cluster secret
 * @returns the header value: `base64url(JSON).base64url(HMAC)`
 */
export function signBridgeHello(hello: BridgeHello, secret: string): string {
  const payload = Buffer.from(JSON.stringify(hello)).toString('base64url');
  return `${payload}.${mac(payload, secret).toString('base64url')}`;
}

/**
 * Checks a bridge header: size, MAC (in constant time), shape and age.
 *
 * @param header - the header value (or `undefined`)
 * @param secret - the cluster secret
 * @param now - the host's clock
 * @returns the hello, or `undefined` when anything is wrong
 */
export function verifyBridgeHello(header: string | undefined, secret: string, now: number): BridgeHello | undefined {
  if (header === undefined || header.length > MAX_HEADER_CHARS) return undefined;
  const [payload, signature, extra] = header.split('.');
  if (!payload || !signature || extra !== undefined) return undefined;
  const expected = mac(payload, secret);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  let value: Partial<BridgeHello>;
  try {
    value = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<BridgeHello>;
  } catch {
    return undefined;
  }
  const { from, sessionId, guestAddress, at } = value;
  if (typeof from !== 'string' || typeof sessionId !== 'string' || typeof guestAddress !== 'string') return undefined;
  if (typeof at !== 'number' || Math.abs(now - at) > MAX_SKEW_MS) return undefined;
  return { from, sessionId, guestAddress, at };
}
