import { createEncoder, type Encoder, type Rect } from '@fernhilfe/codec';
import { GuestError, GuestErrorCode } from '../errors';
import { type ScreenPatch, ScreenPicture } from './screen-picture';

/** Turns captured pictures into codec updates; the first update of an encoder is a keyframe. */
export interface FrameEncoder {
  /**
   * Encodes what changed. May take ownership of `patch.data` (its buffer is moved to a worker).
   *
   * @param patch - RGBA pixels of the changed part (of the whole screen while {@link FrameEncoder.wantsWholePicture})
   * @returns the codec update
   */
  encode(patch: ScreenPatch): Promise<Uint8Array>;
  /** Whether the next patch must cover the whole screen (nothing encoded yet, or a new worker took over). */
  readonly wantsWholePicture: boolean;
  /** Releases the encoder (ends its worker). */
  close(): void;
}

/** Main thread → worker. */
export interface EncodeRequest {
  id: number;
  width: number;
  height: number;
  /** The part of the screen `pixels` holds; the whole screen when absent. */
  rect?: Rect;
  /** Tightly packed RGBA rows of `rect` (moved, not copied). */
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
  let picture = new ScreenPicture();
  let encoded = false;
  return {
    async encode(patch) {
      const update = picture.encode(patch, makeEncoder);
      encoded = true;
      return update;
    },
    get wantsWholePicture() {
      return !encoded;
    },
    close() {
      picture = new ScreenPicture();
      encoded = false;
    },
  };
}

function packed(patch: ScreenPatch): ArrayBuffer {
  const { data } = patch;
  if (data.byteOffset === 0 && data.byteLength === data.buffer.byteLength && data.buffer instanceof ArrayBuffer) {
    return data.buffer;
  }
  return data.slice().buffer;
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
  let workerEncoded = false;
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
      inline.close(); // should the worker fail later, the inline encoder starts over with a keyframe
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
    encode(patch) {
      const running = worker;
      if (!ready || running === undefined) return inline.encode(patch);
      workerEncoded = true;
      return new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        const pixels = packed(patch);
        const { width, height, rect } = patch;
        const request: EncodeRequest = { id, width, height, pixels, ...(rect === undefined ? {} : { rect }) };
        running.postMessage(request, [pixels]);
      });
    },
    get wantsWholePicture() {
      return ready && worker !== undefined ? !workerEncoded : inline.wantsWholePicture;
    },
    close() {
      fail('closed');
      inline.close();
    },
  };
}
