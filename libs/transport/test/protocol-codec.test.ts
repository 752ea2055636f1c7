import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  encodeControlMessage,
  MAX_CONTROL_MESSAGE_BYTES,
  type PeerToRelayMessage,
  ProtocolError,
  parsePeerMessage,
  parseRelayMessage,
  RelayMessageKind,
  type RelayToPeerMessage,
  RelayWireError,
  TransportCloseCode,
  TransportErrorCode,
} from '../src/index';

const peerMessages: PeerToRelayMessage[] = [
  { type: 'create', token: 't' },
  { type: 'join', number: '1234 5678' },
  { type: 'end', reason: 'guest-ended' },
  { type: 'ping' },
  { type: 'report', event: 'consent', granted: true, scopes: ['view'] },
  { type: 'report', event: 'consent', granted: true, scopes: ['view', 'control'] },
  { type: 'report', event: 'consent', granted: false },
  { type: 'report', event: 'control', granted: true },
  { type: 'report', event: 'control', granted: false },
];
const relayMessages: RelayToPeerMessage[] = [
  { type: 'created', number: '12345678', sessionId: 'abc', expiresAt: 1_800_000_000_000 },
  { type: 'paired', sessionId: 'abc', org: 'Org', agentName: '' },
  { type: 'peer-left' },
  { type: 'end', reason: 'relay-shutdown' },
  { type: 'error', code: 'rate-limited', retryAfterMs: 1000 },
  { type: 'error', code: 'unknown-number' },
  { type: 'pong' },
];

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(ProtocolError);
    return (error as ProtocolError).code;
  }
}

describe('relay-layer codec', () => {
  it('round-trips every message kind', () => {
    for (const message of peerMessages) expect(parsePeerMessage(encodeControlMessage(message))).toEqual(message);
    for (const message of relayMessages) expect(parseRelayMessage(encodeControlMessage(message))).toEqual(message);
    const kinds = new Set([...peerMessages, ...relayMessages].map((m) => m.type));
    expect([...kinds].sort()).toEqual(Object.keys(RelayMessageKind).sort());
  });

  it('rejects malformed shapes with MALFORMED_MESSAGE', () => {
    for (const raw of [
      '',
      'null',
      '[]',
      '"create"',
      '{}',
      '{"type":"nope"}',
      '{"type":"create"}',
      '{"type":"create","token":""}',
      '{"type":"create","token":5}',
      '{"type":"join","number":"1","extra":1}',
      '{"type":"end","reason":"whatever"}',
      '{"type":"created","number":"1","sessionId":"s","expiresAt":1}',
      '{"type":"__proto__"}',
      '{"type":"toString"}',
    ]) {
      expect(
        codeOf(() => parsePeerMessage(raw)),
        raw,
      ).toBe(TransportErrorCode.MALFORMED_MESSAGE);
    }
    expect(codeOf(() => parseRelayMessage('{"type":"error","code":"rate-limited","retryAfterMs":-1}'))).toBe(
      TransportErrorCode.MALFORMED_MESSAGE,
    );
  });

  it('accepts only exact report shapes', () => {
    for (const raw of [
      '{"type":"report"}',
      '{"type":"report","event":"consent"}',
      '{"type":"report","event":"consent","granted":true}',
      '{"type":"report","event":"consent","granted":true,"scopes":[]}',
      '{"type":"report","event":"consent","granted":true,"scopes":["view","view"]}',
      '{"type":"report","event":"consent","granted":true,"scopes":["files"]}',
      '{"type":"report","event":"consent","granted":true,"scopes":"view"}',
      '{"type":"report","event":"consent","granted":false,"scopes":["view"]}',
      '{"type":"report","event":"consent","granted":false,"scopes":[]}',
      '{"type":"report","event":"consent","granted":"true","scopes":["view"]}',
      '{"type":"report","event":"control","granted":1}',
      '{"type":"report","event":"control","granted":true,"scopes":["control"]}',
      '{"type":"report","event":"clipboard","granted":true}',
      '{"type":"report","event":"control","granted":true,"screen":"AAAA"}',
    ]) {
      expect(
        codeOf(() => parsePeerMessage(raw)),
        raw,
      ).toBe(TransportErrorCode.MALFORMED_MESSAGE);
    }
    expect(codeOf(() => parseRelayMessage('{"type":"report","event":"control","granted":true}'))).toBe(
      TransportErrorCode.MALFORMED_MESSAGE,
    );
  });

  it('rejects oversized control messages before parsing', () => {
    const raw = JSON.stringify({ type: 'create', token: 'x'.repeat(MAX_CONTROL_MESSAGE_BYTES) });
    expect(codeOf(() => parsePeerMessage(raw))).toBe(TransportErrorCode.MESSAGE_TOO_LARGE);
  });

  it('gives a message or a ProtocolError for any input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (raw) => {
        for (const parse of [parsePeerMessage, parseRelayMessage]) {
          try {
            const message = parse(raw);
            expect(typeof message.type).toBe('string');
          } catch (error) {
            expect(error).toBeInstanceOf(ProtocolError);
          }
        }
      }),
    );
  });

  it('maps every wire error to a code with an application close code', () => {
    for (const code of Object.values(RelayWireError)) {
      const close = TransportCloseCode[code];
      expect(close).toBeGreaterThanOrEqual(4000);
      expect(close).toBeLessThanOrEqual(4999);
    }
  });
});
