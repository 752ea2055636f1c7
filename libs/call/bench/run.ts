// Benchmarks of @fernhilfe/call: support-protocol messages encoded/decoded per second per type,
// against JSON with base64 for byte fields measured in the same run.
import { type BenchRow, perSecond, writeBenchResults } from '../../../scripts/bench-report';
import {
  decodeMessage,
  encodeMessage,
  MESSAGE_TYPE_NAMES,
  type MessageTypeName,
  type SessionMessage,
} from '../src/index';

const packageDir = new URL('..', import.meta.url).pathname;
const rows: BenchRow[] = [];

function bytesOf(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = (i * 31 + seed) & 0xff;
  return out;
}

const SAMPLES: Record<MessageTypeName, SessionMessage> = {
  hello: { type: 'hello', role: 'guest', versions: [1, 2], capabilities: 7, screen: { width: 1920, height: 1080 } },
  consent: { type: 'consent', granted: true, scopes: ['view', 'control'] },
  'control-request': { type: 'control-request' },
  'control-grant': { type: 'control-grant' },
  'control-revoke': { type: 'control-revoke' },
  'screen-update': { type: 'screen-update', frameId: 9, chunkIndex: 1, chunkCount: 4, data: bytesOf(64 * 1024, 1) },
  cursor: {
    type: 'cursor',
    shapeId: 3,
    x: 812,
    y: 440,
    image: { width: 32, height: 32, hotspotX: 1, hotspotY: 1, rgba: bytesOf(32 * 32 * 4, 2) },
  },
  pointer: { type: 'pointer', x: 812, y: 440, buttons: 1, wheelX: 0, wheelY: -3 },
  key: { type: 'key', down: true, modifiers: 1, code: 'KeyA', key: 'A' },
  'frame-ack': { type: 'frame-ack', frameId: 9 },
  ping: { type: 'ping', id: 77 },
  pong: { type: 'pong', id: 77 },
  end: { type: 'end', reason: 'guest-ended' },
  'input-blocked': { type: 'input-blocked', reason: 'secure-desktop' },
};

const toJson = (message: SessionMessage) =>
  JSON.stringify(message, (_key, value) =>
    value instanceof Uint8Array ? Buffer.from(value.buffer, value.byteOffset, value.length).toString('base64') : value,
  );
const encoder = new TextEncoder();
const decoder = new TextDecoder();

for (const name of MESSAGE_TYPE_NAMES) {
  const message = SAMPLES[name];
  const bytes = encodeMessage(message);
  const json = encoder.encode(toJson(message));
  const batch = bytes.length > 10_000 ? 200 : 20_000;
  const encoded = perSecond(() => encodeMessage(message), batch);
  const jsonEncoded = perSecond(() => encoder.encode(toJson(message)), batch);
  const decoded = perSecond(() => decodeMessage(bytes), batch);
  const jsonDecoded = perSecond(() => JSON.parse(decoder.decode(json)), batch);
  rows.push(
    {
      name: `encode ${name}`,
      unit: 'msg/s',
      median: encoded.median,
      samples: 15,
      compared_to: { 'JSON+base64': jsonEncoded.median },
      extra: { wire_bytes: bytes.length, json_bytes: json.length, p95_low: encoded.p95 },
    },
    {
      name: `decode ${name}`,
      unit: 'msg/s',
      median: decoded.median,
      samples: 15,
      compared_to: { 'JSON+base64': jsonDecoded.median },
      extra: { wire_bytes: bytes.length, json_bytes: json.length },
    },
  );
}

writeBenchResults(packageDir, '@fernhilfe/call', rows);
