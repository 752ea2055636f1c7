import type { ActionId, BlockView, PageView } from './page-view';

/** The fixed parts of index.html the renderer fills. */
export interface PageElements {
  /** The card's content area. */
  card: HTMLElement;
  /** The always-visible sharing bar (hidden unless sharing). */
  sharingBar: HTMLElement;
  /** The bar's text. */
  sharingText: HTMLElement;
  /** The bar's end button. */
  sharingEnd: HTMLButtonElement;
}

/** What the renderer reports back to the app. */
export interface RenderHandlers {
  /** A button was clicked. */
  action(id: ActionId): void;
  /** The number field changed. */
  input(value: string): void;
}

const NUMBER_FIELD_ID = 'session-number';

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className !== undefined) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function renderBlock(block: BlockView, handlers: RenderHandlers): HTMLElement {
  switch (block.kind) {
    case 'text': {
      const paragraph = element('p', `text text-${block.tone}`, block.text);
      if (block.tone === 'error') paragraph.setAttribute('role', 'alert');
      return paragraph;
    }
    case 'number-field': {
      const wrapper = element('div', 'field');
      const label = element('label', 'field-label', block.label);
      label.htmlFor = NUMBER_FIELD_ID;
      const input = element('input', 'number-input');
      Object.assign(input, {
        id: NUMBER_FIELD_ID,
        name: 'session-number',
        type: 'text',
        inputMode: 'numeric',
        autocomplete: 'off',
        spellcheck: false,
        maxLength: 24,
        placeholder: '1234 5678',
        value: block.value,
      });
      const error = element('p', 'field-error', block.error ?? '');
      error.id = `${NUMBER_FIELD_ID}-error`;
      error.setAttribute('role', 'alert');
      error.hidden = block.error === undefined;
      input.setAttribute('aria-describedby', error.id);
      input.setAttribute('aria-invalid', String(block.error !== undefined));
      input.addEventListener('input', () => handlers.input(input.value));
      input.addEventListener('keydown', (event) => {
        if (event.key === 'Enter') handlers.action('start');
      });
      wrapper.append(label, input, error);
      return wrapper;
    }
    case 'facts': {
      const section = element('section', 'facts');
      section.append(element('h2', 'facts-heading', block.heading));
      const list = element('ul', 'facts-list');
      for (const item of block.items) list.append(element('li', undefined, item));
      section.append(list);
      return section;
    }
    case 'code': {
      const section = element('section', 'code');
      section.append(element('h2', 'facts-heading', block.label));
      const code = element('output', 'code-value', block.code);
      code.setAttribute('aria-label', block.code.split('').join(' '));
      section.append(code, element('p', 'code-hint', block.hint));
      return section;
    }
  }
}

/**
 * Draws one view into the page. The card is rebuilt on every change; the number field keeps
 * its focus and caret across rebuilds so typing is never interrupted.
 *
 * @param elements - the fixed parts of the page
 * @param view - what to show
 * @param handlers - where clicks and typing go
 */
export function renderPage(elements: PageElements, view: PageView, handlers: RenderHandlers): void {
  const active = document.activeElement;
  const previousField = active instanceof HTMLInputElement && active.id === NUMBER_FIELD_ID ? active : undefined;
  const caret = previousField ? [previousField.selectionStart, previousField.selectionEnd] : undefined;
  const sameStep = elements.card.dataset.step === view.step;

  document.title = view.documentTitle;
  elements.sharingBar.hidden = !view.sharing;
  document.body.classList.toggle('is-sharing', view.sharing);

  const heading = element('h1', 'card-title', view.title);
  heading.tabIndex = -1;
  const content: HTMLElement[] = [heading];
  if (view.busy) {
    const spinner = element('div', 'spinner');
    spinner.setAttribute('aria-hidden', 'true');
    content.push(spinner);
  }
  for (const block of view.blocks) content.push(renderBlock(block, handlers));
  if (view.actions.length > 0) {
    const row = element('div', 'actions');
    for (const action of view.actions) {
      const button = element(
        'button',
        action.primary ? 'button button-primary' : 'button button-secondary',
        action.label,
      );
      button.type = 'button';
      button.dataset.action = action.id;
      button.addEventListener('click', () => handlers.action(action.id));
      row.append(button);
    }
    content.push(row);
  }
  elements.card.dataset.step = view.step;
  elements.card.setAttribute('aria-busy', String(view.busy));
  elements.card.replaceChildren(...content);

  const field = elements.card.querySelector<HTMLInputElement>(`#${NUMBER_FIELD_ID}`);
  if (field !== null && (previousField !== undefined || !sameStep)) {
    field.focus();
    if (caret !== undefined) field.setSelectionRange(caret[0] ?? null, caret[1] ?? null);
  } else if (!sameStep) {
    heading.focus({ preventScroll: true });
  }
}
