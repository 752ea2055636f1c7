// The screen encoder in a dedicated worker, so encoding a full-screen update never blocks
// the support page. Built as encoder-worker.js next to app.js (scripts/build-web.mjs).
import { createEncoder } from '@fernhilfe/codec';
import type { EncodeReply, EncodeRequest } from './frame-encoder';
import { ScreenPicture } from './screen-picture';

interface WorkerScope {
  postMessage(message: EncodeReply, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<EncodeRequest>) => void): void;
}

const scope = globalThis as unknown as WorkerScope;
const picture = new ScreenPicture();

scope.addEventListener('message', ({ data: request }) => {
  try {
    const { width, height, rect } = request;
    const patch = { width, height, data: new Uint8Array(request.pixels), ...(rect === undefined ? {} : { rect }) };
    const update = picture.encode(patch, (size) => createEncoder(size));
    const owned = update.byteOffset === 0 && update.byteLength === update.buffer.byteLength ? update : update.slice();
    scope.postMessage({ id: request.id, update: owned.buffer as ArrayBuffer }, [owned.buffer as ArrayBuffer]);
  } catch (error) {
    scope.postMessage({
      id: request.id,
      error: error instanceof Error ? `${error.name}: ${error.message}` : 'encode failed',
    });
  }
});
scope.postMessage({ ready: true });
