// The screen encoder in a dedicated worker, so encoding a full-screen update never blocks
// the support page. Built as encoder-worker.js next to app.js (scripts/build-web.mjs).
import { createEncoder, type Encoder } from '@fernhilfe/codec';
import type { EncodeReply, EncodeRequest } from './frame-encoder';

interface WorkerScope {
  postMessage(message: EncodeReply, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<EncodeRequest>) => void): void;
}

const scope = globalThis as unknown as WorkerScope;
let encoder: Encoder | undefined;

scope.addEventListener('message', ({ data: request }) => {
  try {
    const { width, height } = request;
    if (encoder === undefined) encoder = createEncoder({ width, height });
    else if (encoder.width !== width || encoder.height !== height) encoder.resize(width, height);
    const update = encoder.encode({ width, height, data: new Uint8Array(request.pixels), format: 'rgba' });
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
