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
