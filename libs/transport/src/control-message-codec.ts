import { CONSENT_SCOPES, isEndReason } from '@fernhilfe/session';
import { ProtocolError, TransportErrorCode } from '#errors';
import {
  MAX_CONTROL_MESSAGE_BYTES,
  type PeerToRelayMessage,
  type RelayControlMessage,
  type RelayToPeerMessage,
  RelayWireError,
} from './protocol';

type Fields = Record<string, unknown>;
type FieldCheck = (value: unknown) => boolean;

const wireErrors = new Set<unknown>(Object.keys(RelayWireError));

const text =
  (max: number): FieldCheck =>
  (value) =>
    typeof value === 'string' && value.length > 0 && value.length <= max;
const anyText =
  (max: number): FieldCheck =>
  (value) =>
    typeof value === 'string' && value.length <= max;
const timestamp: FieldCheck = (value) => Number.isSafeInteger(value) && (value as number) >= 0;
const delay: FieldCheck = (value) => Number.isSafeInteger(value) && (value as number) >= 0;
const flag: FieldCheck = (value) => typeof value === 'boolean';
const oneOf =
  (...allowed: readonly string[]): FieldCheck =>
  (value) =>
    typeof value === 'string' && allowed.includes(value);
const consentScopes: FieldCheck = (value) =>
  Array.isArray(value) &&
  value.length > 0 &&
  value.length <= CONSENT_SCOPES.length &&
  new Set(value).size === value.length &&
  value.every((scope) => (CONSENT_SCOPES as readonly unknown[]).includes(scope));

interface Shape {
  required: Record<string, FieldCheck>;
  optional?: Record<string, FieldCheck>;
  /** Rules across fields, checked after each field passed. */
  whole?: (fields: Fields) => boolean;
}

/** `scopes` exactly when consent was granted. */
const reportFieldsFit = (fields: Fields): boolean =>
  (fields.event === 'consent' && fields.granted === true) === Object.hasOwn(fields, 'scopes');

const peerShapes: Record<PeerToRelayMessage['type'], Shape> = {
  create: { required: { token: text(512) } },
  join: { required: { number: text(32) } },
  end: { required: { reason: isEndReason } },
  ping: { required: {} },
  report: {
    required: { event: oneOf('consent', 'control'), granted: flag },
    optional: { scopes: consentScopes },
    whole: reportFieldsFit,
  },
};

const relayShapes: Record<RelayToPeerMessage['type'], Shape> = {
  created: { required: { number: text(32), sessionId: text(128), expiresAt: timestamp } },
  paired: { required: { sessionId: text(128), org: anyText(256), agentName: anyText(256) } },
  'peer-left': { required: {} },
  end: { required: { reason: isEndReason } },
  error: { required: { code: (v) => wireErrors.has(v) }, optional: { retryAfterMs: delay } },
  pong: { required: {} },
};

function malformed(detail: string): ProtocolError {
  return new ProtocolError(TransportErrorCode.MALFORMED_MESSAGE, `malformed control message: ${detail}`);
}

function parseWith<T extends RelayControlMessage>(raw: string, shapes: Record<string, Shape>): T {
  if (raw.length > MAX_CONTROL_MESSAGE_BYTES) {
    throw new ProtocolError(TransportErrorCode.MESSAGE_TOO_LARGE, 'control message above 4096 characters');
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (cause) {
    throw new ProtocolError(TransportErrorCode.MALFORMED_MESSAGE, 'control message is not JSON', { cause });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw malformed('not an object');
  const fields = value as Fields;
  const type = fields.type;
  if (typeof type !== 'string' || !Object.hasOwn(shapes, type)) throw malformed('unknown type');
  const shape = shapes[type] as Shape;
  for (const [key, check] of Object.entries(shape.required)) {
    if (!check(fields[key])) throw malformed(`bad field ${key}`);
  }
  for (const key of Object.keys(fields)) {
    if (key === 'type' || Object.hasOwn(shape.required, key)) continue;
    const check = shape.optional?.[key];
    if (check === undefined || !check(fields[key])) throw malformed(`unexpected field ${key}`);
  }
  if (shape.whole && !shape.whole(fields)) throw malformed(`fields of ${type} do not fit together`);
  return fields as unknown as T;
}

/**
 * Parses and strictly validates a control message sent by a peer (checked by the relay).
 *
 * @param raw - the text frame as received
 * @returns the typed message
 * @throws {@link ProtocolError} `TRANSPORT_MESSAGE_TOO_LARGE` above {@link MAX_CONTROL_MESSAGE_BYTES} characters,
 *   `TRANSPORT_MALFORMED_MESSAGE` for anything not of an exact known shape
 */
export function parsePeerMessage(raw: string): PeerToRelayMessage {
  return parseWith<PeerToRelayMessage>(raw, peerShapes);
}

/**
 * Parses and strictly validates a control message sent by the relay (checked by the clients).
 *
 * @param raw - the text frame as received
 * @returns the typed message
 * @throws {@link ProtocolError} as {@link parsePeerMessage}
 */
export function parseRelayMessage(raw: string): RelayToPeerMessage {
  return parseWith<RelayToPeerMessage>(raw, relayShapes);
}

/**
 * Serialises a control message.
 *
 * @param message - the message
 * @returns its JSON text
 */
export function encodeControlMessage(message: RelayControlMessage): string {
  return JSON.stringify(message);
}
