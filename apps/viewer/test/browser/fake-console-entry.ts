// Test-only replacement for app.js: the real console wired to the in-memory fake relay,
// with the fakes exposed on `window.fake` for the Playwright test. The page decodes with
// the fake decoder, or with the real codec when the URL has `?codec`.
import { createEncoder } from '@fernhilfe/codec';
import { startConsole } from '../../src/console/console';
import { createFakeRelay } from '../fakes/fake-connection';
import { createFakeDecoder, encodeFakeUpdate, patternPixel, patternRect } from '../fakes/fake-decoder';

const relay = createFakeRelay();
const tools = { relay, createFakeDecoder, createEncoder, encodeFakeUpdate, patternPixel, patternRect };
(globalThis as unknown as { fake: typeof tools }).fake = tools;

const useCodec = new URLSearchParams(window.location.search).has('codec');
const root = document.getElementById('app');
if (root) {
  startConsole(root, {
    relayUrl: 'ws://fake.invalid/relay',
    connect: relay.connect,
    createDecoder: useCodec ? undefined : createFakeDecoder,
  });
}
