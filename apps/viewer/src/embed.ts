// Browser entry `embed.js`: the public API, with <fernhilfe-viewer> defined on load.
import { defineViewerElement } from './index';

export * from './index';

defineViewerElement();
