import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSettings } from '../src/cli-options';
import { CliUsageError, RelayCliErrorCode } from '../src/errors';

function codeOf(argv: string[], env: NodeJS.ProcessEnv = {}): string | undefined {
  try {
    readSettings(argv, env);
  } catch (error) {
    if (error instanceof CliUsageError) return error.code;
    throw error;
  }
  return undefined;
}

describe('readSettings', () => {
  it('refuses unknown options and bad values with RELAY_CLI_INVALID_OPTION', () => {
    expect(codeOf(['--no-such-option'])).toBe(RelayCliErrorCode.INVALID_OPTION);
    expect(codeOf(['--port', '70000'])).toBe(RelayCliErrorCode.INVALID_OPTION);
    expect(codeOf([], { FERNHILFE_SESSION_EXPIRY: '0' })).toBe(RelayCliErrorCode.INVALID_OPTION);
  });

  it('refuses options that go together given alone, or that exclude each other, with RELAY_CLI_CONFLICTING_OPTIONS', () => {
    expect(codeOf(['--tls-cert', 'cert.pem'])).toBe(RelayCliErrorCode.CONFLICTING_OPTIONS);
    expect(codeOf(['--token-file', 'tokens', '--agent-token', 'a'.repeat(16)])).toBe(
      RelayCliErrorCode.CONFLICTING_OPTIONS,
    );
  });

  it('accepts the defaults', () => {
    expect(codeOf([])).toBeUndefined();
  });
});

const SECRET = 's'.repeat(40);

describe('cluster settings (--redis and friends)', () => {
  it('leaves the relay on its own without --redis, where SIGTERM ends sessions at once', () => {
    expect(readSettings([], {})).toMatchObject({ cluster: undefined, drainTimeoutSeconds: 0 });
  });

  it('reads a node from options and environment, drains 300 s by default, and takes the secret from a file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'fernhilfe-cluster-')), 'secret');
    writeFileSync(file, `${SECRET}\n`);
    const settings = readSettings(
      ['--redis', 'redis://127.0.0.1:6379', '--node-id', 'relay-2', '--cluster-secret-file', file, '--port', '8081'],
      { FERNHILFE_ADVERTISE_URL: 'ws://10.0.0.2:8081/relay' },
    );
    expect(settings).toMatchObject({
      cluster: {
        redisUrl: 'redis://127.0.0.1:6379',
        nodeId: 'relay-2',
        advertiseUrl: 'ws://10.0.0.2:8081/relay',
        clusterSecret: SECRET,
      },
      drainTimeoutSeconds: 300,
    });
    expect(readSettings(['--drain-timeout', '5'], {}).drainTimeoutSeconds).toBe(5);
  });

  it('refuses a missing or short secret, a bad drain timeout and --port 0 without --advertise-url', () => {
    const redis = ['--redis', 'redis://127.0.0.1:6379', '--port', '8081'];
    expect(codeOf(redis)).toBe(RelayCliErrorCode.INVALID_OPTION);
    expect(codeOf(redis, { FERNHILFE_CLUSTER_SECRET: 'short' })).toBe(RelayCliErrorCode.INVALID_OPTION);
    expect(codeOf([...redis, '--cluster-secret-file', '/nonexistent/secret'])).toBe(RelayCliErrorCode.MISSING_FILE);
    expect(codeOf(['--drain-timeout', '-1'])).toBe(RelayCliErrorCode.INVALID_OPTION);
    expect(codeOf(['--redis', 'redis://127.0.0.1:6379', '--port', '0'], { FERNHILFE_CLUSTER_SECRET: SECRET })).toBe(
      RelayCliErrorCode.CONFLICTING_OPTIONS,
    );
  });
});
