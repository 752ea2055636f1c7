/** Attributes set with `setAttribute`; `class` and `data-*` included. `false`/`undefined` skip. */
type Attributes = Readonly<Record<string, string | number | boolean | undefined>>;

/**
 * Creates an element with attributes and children.
 *
 * @param doc - owner document
 * @param tag - tag name
 * @param attributes - attributes (`true` sets an empty attribute)
 * @param children - nodes or text
 * @returns the element
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  attributes: Attributes = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const element = doc.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  element.append(...children);
  return element;
}

/**
 * Sets text only when it changed (keeps selection and avoids layout work on every tick).
 *
 * @param element - target
 * @param text - new text
 */
export function setText(element: Element, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}
