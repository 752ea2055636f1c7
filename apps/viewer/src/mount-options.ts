import { createRelayConnection } from './connection/relay-connection';
import { createCodecDecoder, DEFAULT_SCREEN_DECODER_LIMITS } from './decoder/codec-decoder';
import { ViewerError, ViewerErrorCode } from './errors';
import { isLang } from './i18n/translate';
import type { MountViewerOptions } from './mount-viewer';
import type { ViewerControllerOptions } from './viewer-controller';

/**
 * Checks the host element and the options of `mountViewer` before anything is mounted.
 *
 * @param element - the host element
 * @param options - the options as given
 * @throws {@link ViewerError} `VIEWER_INVALID_OPTION` for a missing `relayUrl` or `getToken`, an
 *   unsupported language, or an element that is not free to host the viewer
 */
export function checkMountOptions(element: HTMLElement, options: MountViewerOptions): void {
  if (!element || typeof element.attachShadow !== 'function') {
    throw new ViewerError(ViewerErrorCode.INVALID_OPTION, 'element must be an HTMLElement');
  }
  if (element.shadowRoot && element.shadowRoot.childNodes.length > 0) {
    throw new ViewerError(ViewerErrorCode.INVALID_OPTION, 'element already hosts a shadow root with content');
  }
  if (typeof options?.relayUrl !== 'string' || options.relayUrl === '') {
    throw new ViewerError(ViewerErrorCode.INVALID_OPTION, 'relayUrl must be a non-empty string');
  }
  if (typeof options.getToken !== 'function') {
    throw new ViewerError(ViewerErrorCode.INVALID_OPTION, 'getToken must be a function');
  }
  if (options.lang !== undefined && !isLang(options.lang)) {
    throw new ViewerError(ViewerErrorCode.INVALID_OPTION, `unsupported language ${String(options.lang)}`);
  }
}

/** The part of the controller's options that comes from `mountViewer`'s options and defaults. */
export type ConnectionSettings = Pick<
  ViewerControllerOptions,
  'relayUrl' | 'getToken' | 'connect' | 'createDecoder' | 'limits'
>;

/**
 * The relay, token, connection, decoder and screen limits of a mounted viewer, defaults filled in.
 *
 * @param options - the checked options of `mountViewer`
 * @returns the settings for `createViewerController`
 */
export function connectionSettings(options: MountViewerOptions): ConnectionSettings {
  return {
    relayUrl: options.relayUrl,
    getToken: options.getToken,
    connect: options.connect ?? createRelayConnection,
    createDecoder: options.createDecoder ?? createCodecDecoder,
    limits: {
      maxWidth: options.maxWidth ?? DEFAULT_SCREEN_DECODER_LIMITS.maxWidth,
      maxHeight: options.maxHeight ?? DEFAULT_SCREEN_DECODER_LIMITS.maxHeight,
      maxPixels: options.maxPixels ?? DEFAULT_SCREEN_DECODER_LIMITS.maxPixels,
    },
  };
}
