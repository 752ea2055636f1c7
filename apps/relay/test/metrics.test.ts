import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGuestClient } from '@fernhilfe/transport';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { readSettings } from '../src/cli-options';
import { CliUsageError } from '../src/errors';
import { type RunningRelayServer, startRelayServer } from '../src/relay-server';

const work = mkdtempSync(join(tmpdir(), 'fernhilfe-relay-metrics-'));
let running: RunningRelayServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function start(extra: string[]) {
  const args = ['--port', '0', '--host', '127.0.0.1', '--agent-token', 'metrics-test-token-0123456789'];
  const settings = readSettings([...args, '--audit-file', join(work, `${Date.now()}.jsonl`), ...extra], {});
  running = await startRelayServer(settings);
  return running.baseUrl.replace('localhost', '127.0.0.1');
}

describe('/metrics', () => {
  it('is off by default', async () => {
    const base = await start([]);
    // A plain 404 whether or not the customer page is built: never the page's fallback, never counters.
    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('fernhilfe_');
  });

  it('with --metrics shows join failures by reason and the guessing wave, in Prometheus text format', async () => {
    const base = await start(['--metrics']);
    const wrong = await createGuestClient({ url: `${base.replace('http', 'ws')}/relay`, number: '12345671' }).catch(
      (error: unknown) => error,
    );
    expect(wrong).toBeInstanceOf(Error);
    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await response.text();
    for (const line of [
      'fernhilfe_rate_limit_failures_total{limiter="joins",reason="unknown"} 1\n',
      'fernhilfe_rate_limit_failures_total{limiter="agent-tokens",reason="unauthorized"} 0\n',
      'fernhilfe_rate_limit_wave{limiter="joins"} 0\n',
      'fernhilfe_rate_limit_refusals_total{limiter="joins",rule="prefix-lockout"} 0\n',
      '# TYPE fernhilfe_relay_connections gauge\n',
      'fernhilfe_relay_bridged_sessions 0\n',
      'fernhilfe_relay_draining 0\n',
      'fernhilfe_joins_total{outcome="unknown"} 1\n',
      'fernhilfe_joins_total{outcome="joined"} 0\n',
      'fernhilfe_agent_refusals_total{reason="unauthorized"} 0\n',
      'fernhilfe_forwarded_bytes_total{direction="guest-to-agent"} 0\n',
      'fernhilfe_audit_write_seconds_count 1\n',
      'fernhilfe_audit_write_seconds_bucket{le="+Inf"} 1\n',
      'fernhilfe_untrusted_forwarded_for_total 0\n',
    ]) {
      expect(text).toContain(line);
    }
    expect((await fetch(`${base}/metrics`, { method: 'POST' })).status).toBe(405);
  });

  it('with --metrics-listen serves /metrics only on its own address, never on the public port', async () => {
    const base = await start(['--metrics-listen', '127.0.0.1:0']);
    const metricsUrl = running?.metricsUrl as string;
    expect(metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect((await fetch(`${base}/metrics`)).status).toBe(404);
    const response = await fetch(metricsUrl);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('fernhilfe_joins_total{outcome="joined"} 0\n');
    expect((await fetch(metricsUrl.replace('/metrics', '/'))).status).toBe(404);
  });

  it('refuses a --metrics-listen that is no HOST:PORT', () => {
    for (const value of ['9464', 'localhost', '127.0.0.1:99999', '[::1]']) {
      expect(() => readSettings(['--metrics-listen', value], {}), value).toThrow(CliUsageError);
    }
    expect(readSettings(['--metrics-listen', '[::1]:9464'], {}).metricsListen).toEqual({ host: '::1', port: 9464 });
  });

  it('is switched on by FERNHILFE_METRICS=1 and refuses other values', () => {
    expect(readSettings([], { FERNHILFE_METRICS: '1' }).metrics).toBe(true);
    expect(readSettings([], { FERNHILFE_METRICS: '0' }).metrics).toBe(false);
    expect(readSettings([], {}).metrics).toBe(false);
    expect(() => readSettings([], { FERNHILFE_METRICS: 'maybe' })).toThrow(CliUsageError);
  });
});
