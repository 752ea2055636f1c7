import type { GuestCall } from '@fernhilfe/call';
import { type FrameEncoder, inlineFrameEncoder } from './frame-encoder';
import type { ScreenPatch } from './screen-picture';

/** Where pictures come from: the shared screen. */
export interface FrameSource {
  /**
   * Registers the function called whenever a new picture may be available.
   *
   * @param listener - called without arguments
   */
  onFrame(listener: () => void): void;
  /**
   * Reads what changed in the newest picture since the previous grab.
   *
   * @param whole - return the whole screen even if only part of it (or nothing) changed
   * @returns RGBA pixels of the changed part, or `undefined` while there is no picture yet or
   *   nothing changed
   */
  grab(whole: boolean): ScreenPatch | undefined | Promise<ScreenPatch | undefined>;
}

/** The part of the guest call the pump uses. */
export type FrameSink = Pick<GuestCall, 'canSendFrame' | 'sendFrame' | 'on'>;

/** Options of {@link startFramePump}. */
export interface FramePumpOptions {
  /** The shared screen. */
  source: FrameSource;
  /** The call that sends screen updates (with its flow control). */
  call: FrameSink;
  /** Least time between two captures, in ms (caps the frame rate). @default 33 (≈ 30 frames/s) */
  minIntervalMs?: number;
  /** Encodes frames (in a worker, in the browser); closed when the pump stops. @default inlineFrameEncoder() */
  encoder?: FrameEncoder;
  /** Clock in ms. @default performance.now */
  now?: () => number;
  /** Called when encoding fails; the pump stops. */
  onError?: (error: unknown) => void;
}

/** A running capture loop. */
export interface FramePump {
  /** Screen updates handed to the call so far. */
  readonly framesSent: number;
  /** Stops capturing; nothing is sent afterwards. */
  stop(): void;
}

/**
 * Runs the capture loop: what changed in the newest picture is read, encoded (the first update,
 * and the first after a size change, is a keyframe) and sent only when the call has room for it
 * (fewer than its maximum frames awaiting the viewer's acknowledgement) and a new picture
 * arrived, at most every `minIntervalMs`. A picture that shows nothing new costs no encoding
 * and sends nothing. A slow link therefore lowers the frame rate instead of building a queue.
 *
 * @param options - see {@link FramePumpOptions}
 * @returns the running pump
 */
export function startFramePump(options: FramePumpOptions): FramePump {
  const { source, call } = options;
  const minIntervalMs = options.minIntervalMs ?? 33;
  const encoder = options.encoder ?? inlineFrameEncoder();
  const now = options.now ?? (() => performance.now());
  let fresh = true;
  let busy = false;
  let stopped = false;
  let lastCapture = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let framesSent = 0;

  const stop = () => {
    if (stopped) return;
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    encoder.close();
  };

  const fail = (error: unknown) => {
    stop();
    options.onError?.(error);
  };

  const send = (update: Uint8Array) => {
    if (stopped || !call.canSendFrame) {
      // The call ended while encoding; its `ended` event stops the pump.
      busy = false;
      return;
    }
    framesSent++;
    call.sendFrame(update).then(
      () => {
        busy = false;
        pump();
      },
      () => {
        // The call ended while sending; its `ended` event stops the pump.
        busy = false;
      },
    );
  };

  const pump = () => {
    if (stopped || busy || !fresh || !call.canSendFrame) return;
    const wait = lastCapture + minIntervalMs - now();
    if (wait > 0) {
      timer ??= setTimeout(() => {
        timer = undefined;
        pump();
      }, wait);
      return;
    }
    fresh = false;
    lastCapture = now();
    busy = true;
    Promise.resolve()
      .then(() => source.grab(encoder.wantsWholePicture))
      .then(async (patch) => {
        if (patch === undefined || stopped) {
          busy = false;
          pump(); // nothing changed: wait for the next picture (one may have come meanwhile)
          return;
        }
        send(await encoder.encode(patch));
      })
      .catch((error: unknown) => {
        busy = false;
        fail(error);
      });
  };

  source.onFrame(() => {
    fresh = true;
    pump();
  });
  const unsubscribe = call.on('room-to-send', pump);
  pump();

  return {
    get framesSent() {
      return framesSent;
    },
    stop: () => {
      stop();
      unsubscribe();
    },
  };
}
