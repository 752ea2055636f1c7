import { describe, expect, it } from 'vitest';
import { LANGUAGES, messageKeys, pickLanguage, translator } from '../../src/web/i18n';

describe('pickLanguage', () => {
  it('takes the first German or English entry of the browser languages', () => {
    expect(pickLanguage(['de-AT', 'en-US'])).toBe('de');
    expect(pickLanguage(['fr-FR', 'en-GB', 'de'])).toBe('en');
    expect(pickLanguage(['EN'])).toBe('en');
  });

  it('falls back to English for other languages and an empty list', () => {
    expect(pickLanguage(['fr', 'it'])).toBe('en');
    expect(pickLanguage([])).toBe('en');
  });
});

describe('translator', () => {
  it('has a non-empty text for every key in every language', () => {
    for (const language of LANGUAGES) {
      const t = translator(language);
      for (const key of messageKeys()) expect(t(key).trim(), `${language} ${key}`).not.toBe('');
    }
  });

  it('uses the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const de = translator('de');
    const en = translator('en');
    for (const key of messageKeys()) expect(placeholders(en(key)), key).toEqual(placeholders(de(key)));
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translator('de')('join.rate-limited', { seconds: 30 })).toContain('30 Sekunden');
    expect(translator('en')('join.rate-limited')).toContain('{seconds}');
  });

  it('speaks the security-code sentence the brief asks for', () => {
    expect(translator('de')('confirm.code-hint')).toBe(
      'Ihr Mitarbeiter liest Ihnen diesen Code vor — fahren Sie nur fort, wenn er übereinstimmt.',
    );
    expect(translator('de')('live.indicator')).toBe('Ihr Bildschirm wird geteilt');
  });
});
