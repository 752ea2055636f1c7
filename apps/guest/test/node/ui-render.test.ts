import { END_REASONS } from '@fernhilfe/session';
import { describe, expect, it } from 'vitest';
import {
  languageFromEnv,
  parseLanguageSwitch,
  parseSessionCommand,
  parseYesNo,
  renderStatusLine,
  renderView,
  type UiView,
} from '../../src/node/ui-render';
import { LANGS, UI_TEXTS } from '../../src/node/ui-text';

const views: UiView[] = [
  { kind: 'welcome' },
  { kind: 'number-problem', problem: 'typo' },
  { kind: 'number-problem', problem: 'too-short' },
  { kind: 'language' },
  { kind: 'connecting', relay: 'wss://relay.example/relay' },
  { kind: 'join-problem', problem: 'unknown-number' },
  { kind: 'join-problem', problem: 'rate-limited', retryAfterMs: 2500 },
  { kind: 'proxy-auth', proxy: 'proxy:3128', attempt: 1 },
  { kind: 'handshake' },
  { kind: 'confirm', agentName: 'Frau Weber', org: 'Stadtwerke', securityCode: '123 456' },
  { kind: 'answer-yes-no' },
  { kind: 'sharing' },
  { kind: 'control-request', agentName: 'Frau Weber' },
  { kind: 'control', granted: true, wasRequest: true },
  { kind: 'control', granted: false, wasRequest: false },
  { kind: 'unknown-command' },
  { kind: 'ending' },
  ...END_REASONS.map((reason): UiView => ({ kind: 'ended', reason })),
  { kind: 'goodbye' },
];

describe('terminal UI texts', () => {
  it('renders every view in German and English, differently', () => {
    for (const view of views) {
      const de = renderView(view, 'de');
      const en = renderView(view, 'en');
      expect(de.length).toBeGreaterThan(0);
      expect(en.length).toBeGreaterThan(0);
      expect(de).not.toBe(en);
    }
  });

  it('the confirmation names who asks, shows the code, the hint and what is shared', () => {
    const view: UiView = { kind: 'confirm', agentName: 'Frau Weber', org: 'Stadtwerke', securityCode: '123 456' };
    const de = renderView(view, 'de');
    expect(de).toContain('Frau Weber von Stadtwerke');
    expect(de).toContain('123 456');
    expect(de).toContain('Ihr Mitarbeiter liest Ihnen diesen Code vor — fahren Sie nur fort, wenn er übereinstimmt.');
    expect(de).toContain('Keine Dateien');
    expect(renderView(view, 'en')).toContain('only continue if it matches');
  });

  it('the rate-limit message says how long to wait, rounded up to whole seconds', () => {
    expect(renderView({ kind: 'join-problem', problem: 'rate-limited', retryAfterMs: 2500 }, 'en')).toContain(
      '3 seconds',
    );
  });

  it('the status line says sharing, control and how to end, in both languages', () => {
    for (const lang of LANGS) {
      const off = renderStatusLine({ controlGranted: false }, lang);
      const on = renderStatusLine({ controlGranted: true }, lang);
      expect(off).toContain(UI_TEXTS[lang].statusSharing);
      expect(off).toContain(UI_TEXTS[lang].statusControlOff);
      expect(off).toContain(UI_TEXTS[lang].statusHowToEnd);
      expect(on).toContain(UI_TEXTS[lang].statusControlOn);
      expect(on).toContain(UI_TEXTS[lang].statusTakeBack);
    }
  });

  it('reads Ja/Nein, commands and language switches in either language', () => {
    expect(['j', 'Ja', ' y ', 'YES'].map(parseYesNo)).toEqual([true, true, true, true]);
    expect(['n', 'Nein', 'no'].map(parseYesNo)).toEqual([false, false, false]);
    expect(parseYesNo('vielleicht')).toBeUndefined();
    expect(['b', 'q', 'Beenden', 'quit'].map(parseSessionCommand)).toEqual(['end', 'end', 'end', 'end']);
    expect(['z', 't'].map(parseSessionCommand)).toEqual(['take-back', 'take-back']);
    expect(parseSessionCommand('hallo')).toBeUndefined();
    expect([parseLanguageSwitch('EN'), parseLanguageSwitch('deutsch'), parseLanguageSwitch('fr')]).toEqual([
      'en',
      'de',
      undefined,
    ]);
  });

  it('takes the language from LC_ALL, then LC_MESSAGES, then LANG; English unless German', () => {
    expect(languageFromEnv({ LANG: 'de_DE.UTF-8' })).toBe('de');
    expect(languageFromEnv({ LC_ALL: 'en_US.UTF-8', LANG: 'de_DE.UTF-8' })).toBe('en');
    expect(languageFromEnv({ LC_MESSAGES: 'de_AT', LANG: 'C' })).toBe('de');
    expect(languageFromEnv({})).toBe('en');
  });
});
