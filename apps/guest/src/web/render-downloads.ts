import type { DownloadsView } from './downloads-view';

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string) {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * Draws the download section, or hides it when there is nothing to offer (no broken links).
 *
 * @param section - the section element of index.html
 * @param view - what to show, or `undefined` to hide it
 */
export function renderDownloads(section: HTMLElement, view: DownloadsView | undefined): void {
  section.hidden = view === undefined;
  if (view === undefined) {
    section.replaceChildren();
    return;
  }
  const link = element('a', 'button button-primary download-button', view.link.label);
  link.href = view.link.href;
  link.download = view.link.file;
  link.dataset.file = view.link.file;
  const checksum = element('p', 'download-checksum', view.checksum.label);
  checksum.append(element('code', 'download-sha256', view.checksum.value));
  const content: HTMLElement[] = [
    element('h2', 'downloads-title', view.title),
    ...view.paragraphs.map((text) => element('p', 'text', text)),
    link,
    element('p', 'download-details text-muted', view.details),
    checksum,
  ];
  if (view.warning !== undefined) content.push(element('p', 'text text-error', view.warning));
  content.push(element('p', 'text text-muted', view.viewOnly));
  section.replaceChildren(...content);
}
