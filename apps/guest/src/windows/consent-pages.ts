import type { ConsentOffer } from '@fernhilfe/desktop';
import type { DialogLayout } from './dialog-layout';
import type { DialogTexts } from './dialog-text';
import type { QuestionBuilder } from './dialog-window';

/** Width of the consent dialogs in device-independent pixels. */
export const CONSENT_PAGE_WIDTH = 440;

function yesNo(layout: DialogLayout, texts: DialogTexts, answer: (value: boolean) => void): void {
  const [yes] = layout.buttons([
    { text: texts.yes, width: 90, isDefault: true, onClick: () => answer(true) },
    { text: texts.no, width: 90, isCancel: true, onClick: () => answer(false) },
  ]);
  queueMicrotask(() => yes?.focus());
}

/**
 * The first consent: who asks, the 6-digit security code large, what is shared, **Ja / Nein**.
 *
 * @param texts - the language's texts
 * @param offer - organisation, agent, code
 * @returns the builder; `true` for Ja (also Enter), `false` for Nein (also Escape)
 */
export function consentPage(texts: DialogTexts, offer: ConsentOffer): QuestionBuilder<boolean> {
  return (layout, answer) => {
    layout.text(texts.whoAsks(offer.agentName, offer.org), 'bold');
    layout.text(texts.securityCode);
    layout.text(offer.securityCode, 'large', true);
    layout.text(texts.codeHint);
    layout.text(texts.whatIsShared);
    layout.text(texts.controlLater);
    layout.text(texts.shareQuestion, 'bold');
    yesNo(layout, texts, answer);
  };
}

/**
 * The second consent: "<agent> möchte Maus und Tastatur verwenden", **Ja / Nein**.
 *
 * @param texts - the language's texts
 * @param request - who asks
 * @returns the builder; `true` for Ja, `false` for Nein
 */
export function controlPage(texts: DialogTexts, request: { agentName: string }): QuestionBuilder<boolean> {
  return (layout, answer) => {
    layout.text(texts.controlRequest(request.agentName), 'bold');
    layout.text(texts.controlHint);
    yesNo(layout, texts, answer);
  };
}
