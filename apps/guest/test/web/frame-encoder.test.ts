import { createDecoder, createEncoder, type Frame } from '@fernhilfe/codec';
import { describe, expect, it } from 'vitest';
import {
  type EncodeReply,
  type EncodeRequest,
  WorkerEncodeError,
  workerFrameEncoder,
} from '../../src/web/frame-encoder';
import { ScreenPicture } from '../../src/web/screen-picture';
import { settle } from './fakes';

/** Runs the worker's protocol in-process: answers requests with a real encoder. */
class FakeWorker extends EventTarget {
  requests = 0;
  terminated = false;
  readonly #picture = new ScreenPicture();

  ready(): void {
    this.#reply({ ready: true });
  }

  crash(): void {
    this.dispatchEvent(new Event('error', { cancelable: true }));
  }

  postMessage(request: EncodeRequest, transfer: Transferable[]): void {
    expect(transfer).toEqual([request.pixels]);
    this.requests++;
    const { width, height, rect } = request;
    const patch = { width, height, data: new Uint8Array(request.pixels), ...(rect === undefined ? {} : { rect }) };
    const update = this.#picture.encode(patch, createEncoder);
    queueMicrotask(() => this.#reply({ id: request.id, update: update.slice().buffer }));
  }

  terminate(): void {
    this.terminated = true;
  }

  #reply(data: EncodeReply): void {
    this.dispatchEvent(new MessageEvent('message', { data }));
  }
}

function solid(width: number, height: number, value: number): Frame {
  return { width, height, data: new Uint8Array(width * height * 4).fill(value), format: 'rgba' };
}

describe('workerFrameEncoder', () => {
  it('encodes on the calling thread until the worker says it runs, then in the worker', async () => {
    const worker = new FakeWorker();
    const encoder = workerFrameEncoder(() => worker as unknown as Worker);
    const decoder = createDecoder();
    expect(decoder.decode(await encoder.encode(solid(4, 4, 10))).keyframe).toBe(true);
    expect(worker.requests).toBe(0);
    worker.ready();
    const fromWorker = await encoder.encode(solid(4, 4, 20));
    expect(worker.requests).toBe(1);
    // The worker's encoder is new, so its first update is a keyframe: the switch is seamless.
    expect(decoder.decode(fromWorker).keyframe).toBe(true);
    expect(decoder.framebuffer.data[0]).toBe(20);
    encoder.close();
    expect(worker.terminated).toBe(true);
  });

  it('rejects what is pending when the worker fails, and stays on the calling thread after', async () => {
    const worker = new FakeWorker();
    worker.postMessage = function (this: FakeWorker) {
      this.requests++;
    };
    const encoder = workerFrameEncoder(() => worker as unknown as Worker);
    worker.ready();
    const pending = encoder.encode(solid(4, 4, 1));
    worker.crash();
    await expect(pending).rejects.toBeInstanceOf(WorkerEncodeError);
    await expect(pending).rejects.toMatchObject({ name: 'WorkerEncodeError', code: 'GUEST_ENCODER_FAILED' });
    expect(worker.terminated).toBe(true);
    await expect(encoder.encode(solid(4, 4, 2))).resolves.toBeInstanceOf(Uint8Array);
    expect(worker.requests).toBe(1);
  });

  it('asks for a whole picture first, and again whenever a fresh encoder takes over', async () => {
    const worker = new FakeWorker();
    const encoder = workerFrameEncoder(() => worker as unknown as Worker);
    expect(encoder.wantsWholePicture).toBe(true);
    await encoder.encode(solid(4, 4, 1));
    expect(encoder.wantsWholePicture).toBe(false);
    worker.ready();
    expect(encoder.wantsWholePicture).toBe(true);
    await encoder.encode(solid(4, 4, 2));
    expect(encoder.wantsWholePicture).toBe(false);
    const patch = { width: 4, height: 4, rect: { x: 2, y: 2, width: 2, height: 2 }, data: new Uint8Array(16).fill(9) };
    await expect(encoder.encode(patch)).resolves.toBeInstanceOf(Uint8Array);
    worker.crash();
    expect(encoder.wantsWholePicture).toBe(true);
  });

  it('works without a worker when starting one throws (e.g. a strict CSP)', async () => {
    const encoder = workerFrameEncoder(() => {
      throw new DOMException('blocked', 'SecurityError');
    });
    await settle();
    await expect(encoder.encode(solid(2, 2, 5))).resolves.toBeInstanceOf(Uint8Array);
  });
});
