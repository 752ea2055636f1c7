import type { GuestCall } from '@fernhilfe/call';
import type { Frame } from '@fernhilfe/codec';
import { type FrameEncoder, inlineFrameEncoder } from './frame-encoder';

/** Where pictures come from: the shared screen. */
export interface FrameSource {
  /**
   * Registers the function called whenever a new picture may be available.
   *
   * @param listener - called without arguments
   */
  onFrame(listener: () => void): void;
  /**
   * Reads the newest picture.
   *
   * @returns RGBA pixels, or `undefined` while there is none yet
   */
  grab(): Frame | undefined;
}

/** The part of the guest call the pump uses. */
export type FrameSink = Pick<GuestCall, 'canSendFrame' | 'sendFrame' | 'on'>;

/** Options of {@link startFramePump}. */
export interface FramePumpOptions {
  /** The shared screen. */
  source: FrameSource;
  /** The call that sends screen updates (with its flow control). */
  call: FrameSink;
  /** Least time between two captures, in ms (caps the frame rate). @default 66 (≈ 15 frames/s) */
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
 * Runs the capture loop: a picture is read, encoded (the first update, and the first after a
 * size change, is a keyframe) and sent only when the call has room for it (fewer than its
 * maximum frames awaiting the viewer's acknowledgement) and something new arrived, at most
 * every `minIntervalMs`. A slow link therefore lowers the frame rate instead of building a
 * queue.
 *
 * @param options - see {@link FramePumpOptions}
 * @returns the running pump
 */
export function startFramePump(options: FramePumpOptions): FramePump {
  const { source, call } = options;
  const minIntervalMs = options.minIntervalMs ?? 66;
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
    let frame: Frame | undefined;
    try {
      frame = source.grab();
    } catch (error) {
      fail(error);
      return;
    }
    if (frame === undefined) return;
    fresh = false;
    lastCapture = now();
    busy = true;
    encoder.encode(frame).then(send, (error: unknown) => {
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
