/**
 * @packageDocumentation
 * `@fernhilfe/viewer`: the agent's side of a Fernhilfe support session as an embeddable
 * viewer. {@link mountViewer} renders the whole flow (session number, security code,
 * consent, live screen, control, status) into a shadow root; `<fernhilfe-viewer>` wraps it
 * as a custom element. The agent console is built on the same API.
 *
 * @example
 * ```ts
 * import { mountViewer } from '@fernhilfe/viewer';
 *
 * const viewer = mountViewer(document.getElementById('remote')!, {
 *   relayUrl: 'wss://support.example.com/relay',
 *   getToken: () => sessionStorage.getItem('agentToken') ?? '',
 *   onStateChange: (state) => console.log(state.phase, state.endReason),
 * });
 * const { sessionId, number } = await viewer.createSession();
 * ```
 */
export { END_REASONS, type EndReason, isEndReason } from './connection/end-reasons';
export type {
  ControlChange,
  CreatedSession,
  PairedInfo,
  ViewerConnection,
  ViewerConnectionEvents,
  ViewerConnectionFactory,
  ViewerConnectionInit,
} from './connection/viewer-connection';
export type {
  ScreenDecodeResult,
  ScreenDecoder,
  ScreenDecoderFactory,
  ScreenDecoderLimits,
} from './decoder/screen-decoder';
export { ViewerError, ViewerErrorCode } from './errors';
export { LANGUAGES, type Lang, type MessageKey } from './i18n/messages';
export { pickLanguage, translate } from './i18n/translate';
export { KEY_COMBO_IDS, type KeyComboId, keyComboSequence } from './input/key-combos';
export { type KeyModifiers, RemoteButton, type RemoteKeyInput, type RemotePointerInput } from './input/remote-input';
export { type MountViewerOptions, mountViewer, type ViewerHandle } from './mount-viewer';
export type { CursorShape, CursorUpdate, Framebuffer, Rect } from './render/framebuffer';
export type { ScaleMode } from './render/viewport';
export type { ControlNotice, ShownAs, ViewerPhase, ViewerState } from './state/viewer-state';
export type { ViewerStats } from './stats/stats-meter';
export {
  defineViewerElement,
  type FernhilfeViewerElement,
  STATE_CHANGE_EVENT,
  VIEWER_ELEMENT_TAG,
} from './viewer-element';
