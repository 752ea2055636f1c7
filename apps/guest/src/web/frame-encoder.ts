import { createEncoder, type Encoder, type Frame } from '@fernhilfe/codec';
import { GuestError, GuestErrorCode } from '../errors';

/** Turns captured frames into codec updates; the first update of an encoder is a keyframe. */
export interface FrameEncoder {
  /**
   * Encodes one frame. May take ownership of `frame.data` (its buffer is moved to a worker).
   *
   * @param frame - RGBA pixels
   * @returns the codec update
   */
  encode(frame: Frame): Promise<Uint8Array>;
  /** Releases the encoder (ends its worker). */
  close(): void;
}

/** Main thread → worker. */
export interface EncodeRequest {
  id: number;
  width: number;
  height: number;
  /** Tightly packed RGBA rows (moved, not copied). */
  pixels: ArrayBuffer;
}

/** Worker → main thread: the first message says the worker runs, then one answer per request. */
export type EncodeReply = { ready: true } | { id: number; update: ArrayBuffer } | { id: number; error: string };

/** The encoder failed in its worker (`GUEST_ENCODER_FAILED`). */
export class WorkerEncodeError extends GuestError {
  /** @param message - what the worker reported */
  constructor(message: string) {
    super(GuestErrorCode.ENCODER_FAILED, message);
    this.name = 'WorkerEncodeError';
  }
}

/**
 * Encodes on the calling thread.
 *
 * @param makeEncoder - makes the codec encoder @default createEncoder
 * @returns the encoder
 */
export function inlineFrameEncoder(
  makeEncoder: (size: { width: number; height: number }) => Encoder = (size) => createEncoder(size),
): FrameEncoder {
  let encoder: Encoder | undefined;
  return {
    async encode(frame) {
      if (encoder === undefined) encoder = makeEncoder({ width: frame.width, height: frame.height });
      else if (encoder.width !== frame.width || encoder.height !== frame.height)
        encoder.resize(frame.width, frame.height);
      return encoder.encode(frame);
    },
    close() {
      encoder = undefined;
    },
  };
}

function packed(frame: Frame): ArrayBuffer {
  const bytes = frame.width * frame.height * 4;
  const stride = frame.stride ?? frame.width * 4;
  const { data } = frame;
  if (
    stride === frame.width * 4 &&
    data.byteOffset === 0 &&
    data.byteLength === bytes &&
    data.buffer instanceof ArrayBuffer
  ) {
    return data.buffer;
  }
  const copy = new Uint8Array(bytes);
  for (let y = 0; y < frame.height; y++)
    copy.set(data.subarray(y * stride, y * stride + frame.width * 4), y * frame.width * 4);
  return copy.buffer;
}

/**
 * Encodes in a dedicated worker once it reports that it runs; until then, and for good if it
 * cannot start (blocked by a Content-Security-Policy, file missing), on the calling thread.
 * Switching is safe: each encoder starts with a keyframe.
 *
 * @param startWorker - starts the worker (`new Worker(url, { type: 'module' })`)
 * @returns the encoder
 */
export function workerFrameEncoder(startWorker: () => Worker): FrameEncoder {
  const inline = inlineFrameEncoder();
  const pending = new Map<number, { resolve: (update: Uint8Array) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let ready = false;
  let worker: Worker | undefined;
  try {
    worker = startWorker();
  } catch {
    worker = undefined;
  }
  const fail = (message: string) => {
    ready = false;
    worker?.terminate();
    worker = undefined;
    for (const { reject } of pending.values()) reject(new WorkerEncodeError(message));
    pending.clear();
  };
  worker?.addEventListener('message', (event: MessageEvent<EncodeReply>) => {
    const reply = event.data;
    if ('ready' in reply) {
      ready = true;
      return;
    }
    const waiting = pending.get(reply.id);
    pending.delete(reply.id);
    if ('error' in reply) waiting?.reject(new WorkerEncodeError(reply.error));
    else waiting?.resolve(new Uint8Array(reply.update));
  });
  worker?.addEventListener('error', (event) => {
    event.preventDefault();
    fail('the encoder worker failed');
  });

  return {
    encode(frame) {
      const running = worker;
      if (!ready || running === undefined) return inline.encode(frame);
      return new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        const pixels = packed(frame);
        const request: EncodeRequest = { id, width: frame.width, height: frame.height, pixels };
        running.postMessage(request, [pixels]);
      });
    },
    close() {
      fail('closed');
      inline.close();
    },
  };
}
