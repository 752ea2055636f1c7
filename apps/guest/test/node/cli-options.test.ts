import { describe, expect, it } from 'vitest';
import { CliUsageError, DEFAULT_RELAY_URL, helpText, readCliSettings } from '../../src/node/cli-options';

describe('fernhilfe-guest options', () => {
  it('defaults: local relay, $DISPLAY, language from the locale, proxy from the environment', () => {
    expect(readCliSettings([], { LANG: 'de_DE.UTF-8' })).toEqual({
      relayUrl: DEFAULT_RELAY_URL,
      display: undefined,
      lang: 'de',
      number: undefined,
      proxy: undefined,
      noProxy: undefined,
      caFile: undefined,
      help: false,
    });
  });

  it('options win over the environment', () => {
    const settings = readCliSettings(
      ['--relay', 'wss://support.example/relay', '--lang', 'en', '--display', ':1', '--number', '1234 5678'],
      { FERNHILFE_RELAY: 'ws://other/relay', LANG: 'de_DE' },
    );
    expect(settings).toMatchObject({
      relayUrl: 'wss://support.example/relay',
      lang: 'en',
      display: ':1',
      number: '1234 5678',
    });
    expect(readCliSettings([], { FERNHILFE_RELAY: 'wss://env.example/relay' }).relayUrl).toBe(
      'wss://env.example/relay',
    );
  });

  it('reads proxy, no-proxy, CA file and help', () => {
    expect(
      readCliSettings(['--proxy', 'http://proxy:3128', '--no-proxy', 'intranet', '--ca', 'ca.pem', '-h'], {}),
    ).toMatchObject({
      proxy: 'http://proxy:3128',
      noProxy: 'intranet',
      caFile: 'ca.pem',
      help: true,
    });
    expect(readCliSettings(['--proxy', 'none'], {}).proxy).toBe(false);
  });

  it('refuses unknown options, bad languages and non-WebSocket relay URLs with CliUsageError', () => {
    for (const argv of [
      ['--bogus'],
      ['--lang', 'fr'],
      ['--relay', 'http://x/relay'],
      ['--relay', 'not a url'],
      ['extra'],
    ]) {
      expect(() => readCliSettings(argv, {})).toThrow(CliUsageError);
      expect(() => readCliSettings(argv, {})).toThrow(
        expect.objectContaining({ name: 'CliUsageError', code: 'GUEST_CLI_INVALID_OPTION' }),
      );
    }
  });

  it('has help in both languages naming every option', () => {
    for (const lang of ['de', 'en'] as const) {
      const help = helpText(lang);
      for (const option of ['--relay', '--number', '--display', '--lang', '--proxy', '--no-proxy', '--ca', '--help']) {
        expect(help).toContain(option);
      }
    }
  });
});
