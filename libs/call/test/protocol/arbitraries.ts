import { type ConsentScope, END_REASONS } from '@fernhilfe/session';
import fc from 'fast-check';
import {
  type ConsentMessage,
  INPUT_BLOCKED_REASON_CODES,
  type InputBlockedReason,
  type MessageTypeName,
  type SessionMessage,
} from '../../src/index';

const u16 = fc.integer({ min: 0, max: 0xffff });
const u32 = fc.integer({ min: 0, max: 0xffff_ffff });
const i16 = fc.integer({ min: -0x8000, max: 0x7fff });
const i32 = fc.integer({ min: -0x8000_0000, max: 0x7fff_ffff });

const cursorImage = fc
  .record({ width: fc.integer({ min: 1, max: 32 }), height: fc.integer({ min: 1, max: 32 }) })
  .chain(({ width, height }) =>
    fc.record({
      width: fc.constant(width),
      height: fc.constant(height),
      hotspotX: fc.integer({ min: 0, max: width - 1 }),
      hotspotY: fc.integer({ min: 0, max: height - 1 }),
      rgba: fc.uint8Array({ minLength: width * height * 4, maxLength: width * height * 4 }),
    }),
  );

/** One arbitrary per message type: valid messages only. */
export const messageArbitraries: { [K in MessageTypeName]: fc.Arbitrary<Extract<SessionMessage, { type: K }>> } = {
  hello: fc.record({
    type: fc.constant('hello' as const),
    role: fc.constantFrom('guest' as const, 'viewer' as const),
    versions: fc.array(fc.integer({ min: 1, max: 0xffff }), { minLength: 1, maxLength: 16 }),
    capabilities: u32,
    screen: fc.record({ width: u16, height: u16 }),
  }),
  consent: fc
    .constantFrom<ConsentScope[]>([], ['view'], ['view', 'control'])
    .map((scopes): ConsentMessage => ({ type: 'consent', granted: scopes.length > 0, scopes: [...scopes] })),
  'control-request': fc.constant({ type: 'control-request' as const }),
  'control-grant': fc.constant({ type: 'control-grant' as const }),
  'control-revoke': fc.constant({ type: 'control-revoke' as const }),
  'screen-update': fc.integer({ min: 1, max: 0xffff }).chain((chunkCount) =>
    fc.record({
      type: fc.constant('screen-update' as const),
      frameId: u32,
      chunkIndex: fc.integer({ min: 0, max: chunkCount - 1 }),
      chunkCount: fc.constant(chunkCount),
      data: fc.uint8Array({ maxLength: 2048 }),
    }),
  ),
  cursor: fc.record(
    { type: fc.constant('cursor' as const), shapeId: u16, x: i32, y: i32, image: cursorImage },
    { requiredKeys: ['type', 'shapeId', 'x', 'y'] },
  ),
  pointer: fc.record({
    type: fc.constant('pointer' as const),
    x: u16,
    y: u16,
    buttons: fc.integer({ min: 0, max: 0x1f }),
    wheelX: i16,
    wheelY: i16,
  }),
  key: fc.record({
    type: fc.constant('key' as const),
    down: fc.boolean(),
    modifiers: fc.integer({ min: 0, max: 0x0f }),
    code: fc.stringMatching(/^[A-Za-z0-9]{1,32}$/),
    key: fc.string({ unit: 'grapheme', maxLength: 8 }).filter((k) => new TextEncoder().encode(k).length <= 32),
  }),
  'frame-ack': fc.record({ type: fc.constant('frame-ack' as const), frameId: u32 }),
  ping: fc.record({ type: fc.constant('ping' as const), id: u32 }),
  pong: fc.record({ type: fc.constant('pong' as const), id: u32 }),
  end: fc.record({ type: fc.constant('end' as const), reason: fc.constantFrom(...END_REASONS) }),
  'input-blocked': fc.record({
    type: fc.constant('input-blocked' as const),
    reason: fc.constantFrom(...(Object.keys(INPUT_BLOCKED_REASON_CODES) as InputBlockedReason[])),
  }),
};

/** Any valid message. */
export const anyMessage: fc.Arbitrary<SessionMessage> = fc.oneof(
  ...(Object.values(messageArbitraries) as fc.Arbitrary<SessionMessage>[]),
);
