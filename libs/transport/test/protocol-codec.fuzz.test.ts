import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeControlMessage, ProtocolError, parsePeerMessage, parseRelayMessage } from '../src/index';

const field = fc.oneof(fc.string({ maxLength: 40 }), fc.integer(), fc.constant(null), fc.boolean());
const shaped = fc.record(
  {
    type: fc.constantFrom(
      'create',
      'created',
      'join',
      'paired',
      'peer-left',
      'end',
      'error',
      'ping',
      'pong',
      'report',
      'x',
    ),
    token: field,
    number: field,
    sessionId: field,
    expiresAt: field,
    org: field,
    agentName: field,
    reason: fc.oneof(field, fc.constantFrom('guest-ended', 'relay-shutdown')),
    code: fc.oneof(field, fc.constantFrom('rate-limited', 'expired')),
    retryAfterMs: field,
    event: fc.oneof(field, fc.constantFrom('consent', 'control')),
    granted: field,
    scopes: fc.oneof(field, fc.array(fc.oneof(field, fc.constantFrom('view', 'control')), { maxLength: 3 })),
  },
  { requiredKeys: ['type'] },
);

describe('relay-layer codec fuzz', () => {
  it('parses near-valid messages to a message that re-encodes identically, or a ProtocolError', () => {
    fc.assert(
      fc.property(shaped, (value) => {
        const raw = JSON.stringify(value);
        for (const parse of [parsePeerMessage, parseRelayMessage]) {
          try {
            const message = parse(raw);
            expect(parse(encodeControlMessage(message))).toEqual(message);
          } catch (error) {
            expect(error).toBeInstanceOf(ProtocolError);
          }
        }
      }),
    );
  });

  it('never throws anything but ProtocolError for arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 5000 }), (raw) => {
        for (const parse of [parsePeerMessage, parseRelayMessage]) {
          try {
            parse(raw);
          } catch (error) {
            expect(error).toBeInstanceOf(ProtocolError);
          }
        }
      }),
    );
  });
});
