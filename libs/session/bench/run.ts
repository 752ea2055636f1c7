// Benchmarks of @fernhilfe/session: audit appends per second with fsync (sequential, and 64
// concurrent with and without group commit), and the cost of session numbers and rate-limit
// decisions. The support-protocol message benchmarks are in libs/call/bench.
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type BenchRow, perSecond, summarize, writeBenchResults } from '../../../scripts/bench-report';
import { openJsonlAuditStore } from '../src/audit-jsonl';
import {
  type AuditRecord,
  createJoinRateLimiter,
  createMemoryAuditStore,
  generateSessionNumber,
  parseSessionNumber,
} from '../src/index';

const packageDir = new URL('..', import.meta.url).pathname;
const rows: BenchRow[] = [];

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
