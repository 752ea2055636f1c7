import type { NumberNotice } from '@fernhilfe/desktop';
import { type DialogTexts, noticeText } from './dialog-text';
import type { QuestionBuilder } from './dialog-window';

/** Width of the number dialog in device-independent pixels. */
export const NUMBER_PAGE_WIDTH = 400;

/**
 * The number dialog: an explanation, why it is shown again (if so), the 8-digit field and
 * **Support starten / Start Support** (also Enter).
 *
 * @param texts - the language's texts
 * @param notice - why it is shown again
 * @returns the builder; it answers with the text as typed
 */
export function numberPage(texts: DialogTexts, notice: NumberNotice | undefined): QuestionBuilder<string> {
  return (layout, answer) => {
    layout.text(texts.numberIntro);
    if (notice) layout.text(noticeText(texts, notice), 'bold');
    const field = layout.field(texts.numberLabel, { width: 120, digitsOnly: true, maxLength: 8, font: 'bold' });
    layout.buttons([
      { text: texts.startSupport, width: 140, isDefault: true, onClick: () => answer(field.readText()) },
    ]);
    queueMicrotask(() => field.focus());
  };
}
