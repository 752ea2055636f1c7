// Browser entry `app.js` of the agent console page.
import { startConsole } from './console';
import { consoleRelayUrl } from './relay-url';

const root = document.getElementById('app');
if (root) startConsole(root, { relayUrl: consoleRelayUrl(window.location) });
