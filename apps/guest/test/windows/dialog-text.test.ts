import { describe, expect, it } from 'vitest';
import { DIALOG_TEXTS, dialogLanguage, noticeText, progressText } from '../../src/windows/dialog-text';

describe('the Windows dialogs’ texts', () => {
  it('speaks German for every German UI language and English for the rest', () => {
    expect([0x0407, 0x0807, 0x0c07, 0x1007, 0x1407].map(dialogLanguage)).toEqual(['de', 'de', 'de', 'de', 'de']);
    expect([0x0409, 0x0809, 0x040c, 0x0410, 0x0000].map(dialogLanguage)).toEqual(['en', 'en', 'en', 'en', 'en']);
  });

  it('explains a join problem with the wait rounded up to whole seconds', () => {
    const notice = { kind: 'join-problem', problem: 'rate-limited', retryAfterMs: 29_001 } as const;
    expect(noticeText(DIALOG_TEXTS.de, notice)).toContain('30 Sekunden');
    expect(noticeText(DIALOG_TEXTS.en, notice)).toContain('30 seconds');
    expect(noticeText(DIALOG_TEXTS.en, { kind: 'join-problem', problem: 'unreachable' })).not.toContain('seconds');
  });

  it('has one sentence for every notice and progress step in both languages', () => {
    for (const texts of Object.values(DIALOG_TEXTS)) {
      expect(noticeText(texts, { kind: 'number-problem', problem: 'typo' })).toMatch(/\.$/);
      expect(noticeText(texts, { kind: 'ended', reason: 'guest-window-closed' })).toMatch(/\.$/);
      expect(progressText(texts, { kind: 'connecting', relay: 'relay.example' })).toContain('relay.example');
    }
    expect(DIALOG_TEXTS.de.joinProblem.display).not.toContain('--display');
  });
});
