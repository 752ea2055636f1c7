import { INPUT_BLOCKED_REASON_CODES, type InputBlockedReason } from '@fernhilfe/call';
import { describe, expect, it } from 'vitest';
import { END_REASONS } from '../src/connection/end-reasons';
import { ViewerErrorCode } from '../src/errors';
import { LANGUAGES, MESSAGES } from '../src/i18n/messages';
import { endReasonKey, errorKey, isLang, pickLanguage, translate } from '../src/i18n/translate';
import { KEY_COMBO_IDS } from '../src/input/key-combos';
import { STEPS } from '../src/state/steps';

describe('i18n table', () => {
  it('has the same keys and a non-empty text for every key in every language', () => {
    const keys = Object.keys(MESSAGES.de).sort();
    for (const lang of LANGUAGES) {
      expect(Object.keys(MESSAGES[lang]).sort()).toEqual(keys);
      for (const key of keys) expect(MESSAGES[lang][key as keyof typeof MESSAGES.de].trim()).not.toBe('');
    }
  });

  it('explains every end reason, error code, step, key combination and input-blocked reason in both languages', () => {
    for (const lang of LANGUAGES) {
      for (const reason of END_REASONS) expect(MESSAGES[lang][endReasonKey(reason)]).toBeTruthy();
      for (const code of Object.values(ViewerErrorCode)) expect(MESSAGES[lang][errorKey(code)]).toBeTruthy();
      for (const step of STEPS) expect(MESSAGES[lang][`steps.${step}`]).toBeTruthy();
      for (const combo of KEY_COMBO_IDS) expect(MESSAGES[lang][`combo.${combo}`]).toBeTruthy();
      for (const reason of Object.keys(INPUT_BLOCKED_REASON_CODES) as InputBlockedReason[]) {
        expect(MESSAGES[lang][`control.blocked.${reason}`]).toBeTruthy();
      }
    }
  });

  it('actually translates: German and English differ where the words differ', () => {
    expect(translate('de', 'session.new')).toBe('Neue Sitzung');
    expect(translate('en', 'session.new')).toBe('New session');
    expect(translate('de', 'control.request')).toBe('Steuerung anfordern');
    expect(translate('en', 'code.mismatch')).toBe("Code doesn't match");
    expect(translate('de', 'session.end')).toBe('Sitzung beenden');
  });

  it('fills parameters and keeps unknown placeholders', () => {
    expect(translate('en', 'session.expiresIn', { time: '9:59' })).toBe('Valid for 9:59');
    expect(translate('de', 'session.expiresIn', { other: 1 })).toBe('Gültig noch {time}');
  });
});

describe('pickLanguage', () => {
  it('uses the option when supported', () => {
    expect(pickLanguage('en', ['de-DE'])).toBe('en');
    expect(pickLanguage('de', ['en-US'])).toBe('de');
  });

  it('defaults to German for de-* browsers and English otherwise', () => {
    expect(pickLanguage(undefined, ['de-AT'])).toBe('de');
    expect(pickLanguage(undefined, ['DE'])).toBe('de');
    expect(pickLanguage(undefined, ['en-GB'])).toBe('en');
    expect(pickLanguage(undefined, ['fr'])).toBe('en');
    expect(pickLanguage(undefined, [])).toBe('en');
    expect(pickLanguage('fr', ['de-CH'])).toBe('de');
  });

  it('recognises languages', () => {
    expect(isLang('de')).toBe(true);
    expect(isLang('EN')).toBe(false);
    expect(isLang(undefined)).toBe(false);
  });
});
