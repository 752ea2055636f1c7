// Benchmarks of @fernhilfe/session: support-protocol messages encoded/decoded per second per
// type (against JSON with base64 for byte fields, measured in the same run), audit appends per
// second with fsync (sequential, and 64 concurrent with and without group commit), and the
// cost of session numbers and rate-limit decisions.
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type BenchRow, summarize, timeSync, writeBenchResults } from '../../../scripts/bench-report';
import { openJsonlAuditStore } from '../src/audit-jsonl';
import {
  type AuditRecord,
  createJoinRateLimiter,
  createMemoryAuditStore,
  decodeMessage,
  encodeMessage,
  generateSessionNumber,
  MESSAGE_TYPE_NAMES,
  type MessageTypeName,
  parseSessionNumber,
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
};

const toJson = (message: SessionMessage) =>
  JSON.stringify(message, (_key, value) =>
    value instanceof Uint8Array ? Buffer.from(value.buffer, value.byteOffset, value.length).toString('base64') : value,
  );
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Messages per second over `samples` batches of `batch` calls. */
function perSecond(fn: () => unknown, batch: number, samples = 15): { median: number; p95: number } {
  const times = timeSync(
    () => {
      for (let i = 0; i < batch; i++) fn();
    },
    samples,
    3,
  );
  const { median, p95 } = summarize(times.map((ms) => (batch * 1000) / ms));
  return { median, p95 };
}

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

const agent = { id: 'agent-bench', org: 'Bench GmbH' };
const auditRecord = (i: number): AuditRecord => ({
  type: 'guest-joined',
  at: new Date(1_700_000_000_000 + i).toISOString(),
  sessionId: `bench-${i}`,
  number: '12345671',
  agent,
  guestAddress: '192.0.2.1',
});

/** Appends per second: `total` appends with `inFlight` outstanding at a time. */
async function auditRate(path: string, total: number, inFlight: number, groupCommit: boolean): Promise<number> {
  const store = await openJsonlAuditStore(path, { groupCommit });
  let next = 0;
  const start = performance.now();
  const worker = async () => {
    while (next < total) await store.append(auditRecord(next++));
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  const elapsed = performance.now() - start;
  await store.close();
  return (total * 1000) / elapsed;
}

const auditDir = mkdtempSync(join(packageDir, 'bench', '.audit-'));
try {
  const runs = 5;
  const measure = async (total: number, inFlight: number, groupCommit: boolean) => {
    const rates: number[] = [];
    for (let run = 0; run < runs; run++) {
      rates.push(
        await auditRate(join(auditDir, `${inFlight}-${groupCommit}-${run}.jsonl`), total, inFlight, groupCommit),
      );
    }
    return summarize(rates).median;
  };
  const memory = createMemoryAuditStore();
  const memoryStart = performance.now();
  for (let i = 0; i < 2_000; i++) await memory.append(auditRecord(i));
  const memoryRate = (2_000 * 1000) / (performance.now() - memoryStart);
  const sequential = await measure(300, 1, true);
  const grouped = await measure(2_000, 64, true);
  const ungrouped = await measure(300, 64, false);
  rows.push(
    {
      name: 'audit append+fsync, sequential',
      unit: 'appends/s',
      median: sequential,
      samples: runs,
      compared_to: { 'memory store': memoryRate },
    },
    {
      name: 'audit append+fsync, 64 concurrent, group commit',
      unit: 'appends/s',
      median: grouped,
      samples: runs,
      compared_to: { 'no group commit': ungrouped, 'memory store': memoryRate },
    },
    {
      name: 'audit append+fsync, 64 concurrent, no group commit',
      unit: 'appends/s',
      median: ungrouped,
      samples: runs,
      compared_to: { 'group commit': grouped },
    },
  );
} finally {
  rmSync(auditDir, { recursive: true, force: true });
}

const generateTimes: number[] = [];
for (let sample = 0; sample < 10; sample++) {
  const start = performance.now();
  for (let i = 0; i < 2_000; i++) await generateSessionNumber();
  generateTimes.push((2_000 * 1000) / (performance.now() - start));
}
rows.push({
  name: 'generateSessionNumber',
  unit: 'numbers/s',
  median: summarize(generateTimes).median,
  samples: 10,
  compared_to: {},
});
rows.push({
  name: 'parseSessionNumber("1234 5671")',
  unit: 'parses/s',
  median: perSecond(() => parseSessionNumber('1234 5671'), 20_000).median,
  samples: 15,
  compared_to: {},
});
const limiter = createJoinRateLimiter();
let ipCounter = 0;
rows.push({
  name: 'rate limiter check+recordFailure (10 000 IPs)',
  unit: 'decisions/s',
  median: perSecond(() => {
    const ip = `10.0.${(ipCounter >> 8) & 0x27}.${ipCounter++ & 0xff}`;
    limiter.check(ip);
    limiter.recordFailure(ip);
  }, 20_000).median,
  samples: 15,
  compared_to: {},
});

writeBenchResults(packageDir, '@fernhilfe/session', rows);
