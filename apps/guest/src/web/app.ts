import { createGuestClient } from '@fernhilfe/transport';
import { GuestError, GuestErrorCode } from '../errors';
import { type GuestModulesManifest, MANIFEST_FILE_NAME, readGuestModulesManifest } from '../guest-modules/manifest';
import { DOWNLOADS_PATH, downloadsView } from './downloads-view';
import { workerFrameEncoder } from './frame-encoder';
import { GuestPage } from './guest-page';
import { LANGUAGES, type Language, pickLanguage, translator } from './i18n';
import { numberFromHash } from './number-input';
import { pageView } from './page-view';
import { relayUrl } from './relay-url';
import { type PageElements, renderPage } from './render';
import { renderDownloads } from './render-downloads';
import { requestScreenShare } from './screen-share';

function required<T extends HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (node === null) throw new GuestError(GuestErrorCode.PAGE_INCOMPLETE, `index.html lacks #${id}`);
  return node as T;
}

const url = relayUrl(location.href, document.querySelector('meta[name="fernhilfe-relay"]')?.getAttribute('content'));
const page = new GuestPage({
  join: (digits) => createGuestClient({ url, number: digits }),
  shareScreen: () => requestScreenShare(navigator.mediaDevices),
  createFrameEncoder: () =>
    workerFrameEncoder(() => new Worker(new URL('encoder-worker.js', import.meta.url), { type: 'module' })),
  screenSize: () => ({
    width: Math.max(1, Math.round(screen.width * devicePixelRatio)),
    height: Math.max(1, Math.round(screen.height * devicePixelRatio)),
  }),
});

const elements: PageElements = {
  card: required('card'),
  sharingBar: required('sharing-bar'),
  sharingText: required('sharing-text'),
  sharingEnd: required<HTMLButtonElement>('sharing-end'),
};
const languageButtons = new Map(
  LANGUAGES.map((language) => [language, required<HTMLButtonElement>(`lang-${language}`)]),
);
let language: Language = pickLanguage(navigator.languages ?? [navigator.language]);
const downloads = required('downloads');
let modules: GuestModulesManifest | undefined;

const handlers = {
  action(id: string) {
    if (id === 'start') void page.start();
    else if (id === 'cancel') page.cancel();
    else if (id === 'confirm') void page.confirm();
    else if (id === 'refuse') void page.refuse();
    else if (id === 'end') void page.end();
    else if (id === 'back') page.back();
  },
  input: (value: string) => page.type(value),
};

function render(): void {
  const t = translator(language);
  document.documentElement.lang = language;
  required('tagline').textContent = t('app.tagline');
  required('language-label').textContent = t('language.switch');
  elements.sharingText.textContent = t('live.indicator');
  elements.sharingEnd.textContent = t('live.end');
  for (const [code, button] of languageButtons) button.setAttribute('aria-pressed', String(code === language));
  renderPage(elements, pageView(page.state, t), handlers);
  // Offered at the start only: during a session the card is what matters.
  const offer = page.state.step === 'enter' ? downloadsView(modules, navigator.userAgent, language, t) : undefined;
  renderDownloads(downloads, offer);
}

/** The relay's guest modules; none when it has none or the page is hosted elsewhere. */
async function loadModules(): Promise<void> {
  try {
    const response = await fetch(`${DOWNLOADS_PATH}${MANIFEST_FILE_NAME}`, { cache: 'no-cache' });
    if (response.ok) modules = readGuestModulesManifest(await response.json());
  } catch {
    // No manifest, no download section: the page works as before.
  }
  render();
  // Tells tests (and curious operators) that the offer is settled, whatever it is.
  downloads.dataset.loaded = String(modules !== undefined);
}

for (const [code, button] of languageButtons) {
  button.addEventListener('click', () => {
    language = code;
    render();
  });
}
elements.sharingEnd.addEventListener('click', () => void page.end());
page.onChange(render);
// Closing the tab ends the session: the encrypted end message goes out before the socket closes.
addEventListener('pagehide', () => page.pageClosing());
addEventListener('beforeunload', () => page.pageClosing());

const prefilled = numberFromHash(location.hash);
if (prefilled !== '') page.type(prefilled);
render();
void loadModules();
