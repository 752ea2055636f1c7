import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GuestError, GuestErrorCode } from '../../src/errors';
import {
  BAKED_CONFIG_ASSET,
  bakedConfig,
  checkModuleRelayUrl,
  MAX_BAKED_CONFIG_BYTES,
  parseBakedConfig,
  readBakedConfig,
  type SeaAssets,
} from '../../src/exe/baked-config';

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(GuestError);
    return (error as GuestError).code;
  }
  return undefined;
}

function seaWith(assets: Record<string, string>, isSea = true): SeaAssets {
  return {
    isSea: () => isSea,
    getAsset(key) {
      const text = assets[key];
      if (text === undefined) throw new Error(`no asset ${key}`);
      return text;
    },
  };
}

describe('checkModuleRelayUrl', () => {
  it('accepts ws and wss endpoints with a path', () => {
    expect(checkModuleRelayUrl('wss://support.example.com/relay')).toBe('wss://support.example.com/relay');
    expect(checkModuleRelayUrl('ws://127.0.0.1:8080/relay')).toBe('ws://127.0.0.1:8080/relay');
  });

  it.each([
    'support.example.com/relay',
    'https://support.example.com/relay',
    'wss://support.example.com',
    'wss://support.example.com/',
    'wss://user:secret@support.example.com/relay',
    'wss://support.example.com/relay#x',
    '',
  ])('refuses %j', (text) => {
    expect(codeOf(() => checkModuleRelayUrl(text))).toBe(GuestErrorCode.BAKED_CONFIG_INVALID);
  });
});

describe('parseBakedConfig', () => {
  it('reads what bakedConfig wrote', () => {
    const config = bakedConfig('wss://support.example.com/relay', 'Stadtwerke Test');
    expect(parseBakedConfig(JSON.stringify(config))).toEqual({
      relayUrl: 'wss://support.example.com/relay',
      organisation: 'Stadtwerke Test',
    });
    expect(parseBakedConfig('{"relayUrl":"wss://a.example/relay"}')).toEqual({ relayUrl: 'wss://a.example/relay' });
  });

  it.each([
    ['not JSON', '{'],
    ['an array', '[]'],
    ['no relayUrl', '{}'],
    ['an empty organisation', '{"relayUrl":"wss://a.example/relay","organisation":" "}'],
    ['a control character', '{"relayUrl":"wss://a.example/relay","organisation":"a\\nb"}'],
    ['a number as organisation', '{"relayUrl":"wss://a.example/relay","organisation":5}'],
    ['too much text', ' '.repeat(MAX_BAKED_CONFIG_BYTES + 1)],
  ])('refuses %s', (_what, text) => {
    expect(codeOf(() => parseBakedConfig(text))).toBe(GuestErrorCode.BAKED_CONFIG_INVALID);
  });

  it('gives a configuration or GUEST_BAKED_CONFIG_INVALID for any text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        const code = codeOf(() => parseBakedConfig(text));
        expect([undefined, GuestErrorCode.BAKED_CONFIG_INVALID]).toContain(code);
      }),
    );
  });
});

describe('readBakedConfig', () => {
  it('reads the config.json asset of a single executable', () => {
    const sea = seaWith({ [BAKED_CONFIG_ASSET]: '{"relayUrl":"wss://a.example/relay"}' });
    expect(readBakedConfig(sea)).toEqual({ relayUrl: 'wss://a.example/relay' });
  });

  it('says GUEST_BAKED_CONFIG_MISSING outside a single executable or without the asset', () => {
    expect(codeOf(() => readBakedConfig())).toBe(GuestErrorCode.BAKED_CONFIG_MISSING);
    expect(codeOf(() => readBakedConfig(seaWith({}, false)))).toBe(GuestErrorCode.BAKED_CONFIG_MISSING);
    expect(codeOf(() => readBakedConfig(seaWith({})))).toBe(GuestErrorCode.BAKED_CONFIG_MISSING);
  });

  it('says GUEST_BAKED_CONFIG_INVALID for a damaged asset', () => {
    const sea = seaWith({ [BAKED_CONFIG_ASSET]: '{"relayUrl":"https://a.example/relay"}' });
    expect(codeOf(() => readBakedConfig(sea))).toBe(GuestErrorCode.BAKED_CONFIG_INVALID);
  });
});
