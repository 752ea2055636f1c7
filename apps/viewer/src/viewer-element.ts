import type { CreatedSession, ViewerConnectionFactory } from './connection/viewer-connection';
import type { ScreenDecoderFactory } from './decoder/screen-decoder';
import { ViewerError, ViewerErrorCode } from './errors';
import { isLang } from './i18n/translate';
import { type MountViewerOptions, mountViewer, type ViewerHandle } from './mount-viewer';
import type { ViewerState } from './state/viewer-state';

/** Tag name of the viewer element. */
export const VIEWER_ELEMENT_TAG = 'fernhilfe-viewer';

/**
 * The `<fernhilfe-viewer>` element: {@link mountViewer} as a custom element.
 *
 * Attributes: `relay-url`, `lang` (`de` | `en`). Properties: `getToken` (required, never an
 * attribute), optional `connect` and `createDecoder`; values set before the element was
 * defined (lazy loading, frameworks) are taken over when it upgrades. The viewer mounts once
 * the element is in the document and both `relay-url` and `getToken` are set. Every state
 * change is dispatched as a `fernhilfe-statechange` event with the state in `detail`.
 */
export interface FernhilfeViewerElement extends HTMLElement {
  /** Returns the agent token for each new session (see {@link MountViewerOptions.getToken}). */
  getToken: (() => string | Promise<string>) | undefined;
  /** Replaces the relay connection (see {@link MountViewerOptions.connect}); set before mounting. */
  connect: ViewerConnectionFactory | undefined;
  /** Replaces the screen decoder (see {@link MountViewerOptions.createDecoder}); set before mounting. */
  createDecoder: ScreenDecoderFactory | undefined;
  /** The mounted viewer, once mounted. */
  readonly viewer: ViewerHandle | undefined;
  /**
   * {@link ViewerHandle.createSession} of the mounted viewer.
   * @throws {@link ViewerError} `VIEWER_INVALID_STATE` before the viewer is mounted
   */
  createSession(): Promise<CreatedSession>;
  /** {@link ViewerHandle.requestControl} of the mounted viewer. */
  requestControl(): void;
  /** {@link ViewerHandle.releaseControl} of the mounted viewer. */
  releaseControl(): void;
  /** {@link ViewerHandle.end} of the mounted viewer. */
  end(): void;
}

/** The properties a page may set before the element is defined; `getToken` last, as setting it may mount. */
const UPGRADED_PROPERTIES = ['connect', 'createDecoder', 'getToken'] as const;

/** Name of the event the element dispatches after each state change. */
export const STATE_CHANGE_EVENT = 'fernhilfe-statechange';

/**
 * Defines `<fernhilfe-viewer>` (once; later calls are no-ops).
 *
 * @param registry - where to define it
 * @default registry globalThis.customElements
 */
export function defineViewerElement(registry: CustomElementRegistry = globalThis.customElements): void {
  if (registry.get(VIEWER_ELEMENT_TAG)) return;

  class ViewerElement extends HTMLElement implements FernhilfeViewerElement {
    static observedAttributes = ['relay-url', 'lang'];
    #getToken: (() => string | Promise<string>) | undefined;
    #connect: ViewerConnectionFactory | undefined;
    #createDecoder: ScreenDecoderFactory | undefined;
    #viewer: ViewerHandle | undefined;

    constructor() {
      super();
      // A value set on the element before its class existed is an own property that hides the
      // accessor: take it over through the setter.
      for (const property of UPGRADED_PROPERTIES) {
        if (!Object.hasOwn(this, property)) continue;
        const value = (this as Record<string, unknown>)[property];
        delete (this as Record<string, unknown>)[property];
        (this as Record<string, unknown>)[property] = value;
      }
    }

    get getToken() {
      return this.#getToken;
    }

    set getToken(value) {
      this.#getToken = value;
      this.#tryMount();
    }

    get connect() {
      return this.#connect;
    }

    set connect(value) {
      this.#connect = value;
    }

    get createDecoder() {
      return this.#createDecoder;
    }

    set createDecoder(value) {
      this.#createDecoder = value;
    }

    get viewer() {
      return this.#viewer;
    }

    connectedCallback() {
      this.#tryMount();
    }

    disconnectedCallback() {
      this.#viewer?.destroy();
      this.#viewer = undefined;
    }

    attributeChangedCallback(name: string, _old: string | null, value: string | null) {
      if (name === 'lang' && isLang(value)) this.#viewer?.setLang(value);
      else this.#tryMount();
    }

    createSession() {
      return this.#require().createSession();
    }

    requestControl() {
      this.#require().requestControl();
    }

    releaseControl() {
      this.#require().releaseControl();
    }

    end() {
      this.#require().end();
    }

    #require(): ViewerHandle {
      if (!this.#viewer) throw new ViewerError(ViewerErrorCode.INVALID_STATE, 'set relay-url and getToken first');
      return this.#viewer;
    }

    #tryMount() {
      const relayUrl = this.getAttribute('relay-url');
      if (this.#viewer || !this.isConnected || !relayUrl || !this.#getToken) return;
      const lang = this.getAttribute('lang');
      this.#viewer = mountViewer(this, {
        relayUrl,
        getToken: this.#getToken,
        lang: isLang(lang) ? lang : undefined,
        connect: this.#connect,
        createDecoder: this.#createDecoder,
        onStateChange: (state: ViewerState) =>
          this.dispatchEvent(new CustomEvent(STATE_CHANGE_EVENT, { detail: state, bubbles: true, composed: true })),
      });
    }
  }

  registry.define(VIEWER_ELEMENT_TAG, ViewerElement);
}
