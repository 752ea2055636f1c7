import type { GuestCall } from '@fernhilfe/call';
import { createEncoder, type Encoder } from '@fernhilfe/codec';
import { createCursorFollower } from './cursor-follower';
import type { Desktop } from './desktop';
import { watchScreenChanges } from './screen-changes';

/** Cost of one frame, for statistics and the benchmark. */
export interface FrameCost {
  /** Whole-screen capture, ms. */
  captureMs: number;
  /** Encoding, ms. */
  encodeMs: number;
  /** Encryption and hand-over to the transport (all chunks), ms. */
  sendMs: number;
  /** The call's id of the frame, as the viewer's `frame` event gives it. */
  frameId: number;
  /**
   * When the transport had taken the last chunk, in ms on the shared clock
   * (`performance.timeOrigin + performance.now()`): the viewer's `arrivedAt` minus this is the relay's part.
   */
  sentAt: number;
  /** Size of the encoded update in bytes. */
  bytes: number;
  /** Whether it was a keyframe. */
  keyframe: boolean;
}

/** Options of {@link createFramePump}. */
export interface FramePumpOptions {
  /**
   * How often the pointer is checked, and without change notices the screen too, in ms.
   * @default 40
   */
  pollIntervalMs?: number;
  /**
   * With change notices (X DAMAGE): how long after the first notice of a burst the capture
   * starts, in ms, so that one capture covers the whole burst (a scrolled line, a repainted
   * window) instead of its first rectangle.
   * @default 4
   */
  coalesceMs?: number;
  /**
   * Use the desktop's change notices and hints (X DAMAGE) when it has them. Turning it off
   * makes every tick capture and compare the whole screen (for measurements).
   * @default true
   */
  useDamage?: boolean;
  /** Called after each frame was handed to the call. */
  onFrame?: (cost: FrameCost) => void;
  /** Called when capture, encoding or sending failed; the pump stops. */
  onError?: (error: unknown) => void;
}

/** Streams the screen and cursor into a call, only when it has room to send. */
export interface FramePump {
  /** Starts streaming; call only after the customer's consent. The first frame is a keyframe. */
  start(): void;
  /** Stops streaming (idempotent). */
  stop(): void;
  /** Frames sent so far. */
  readonly frames: number;
}

const now = () => performance.now();

/**
 * Creates the pump. It captures a frame when the screen changed since the previous capture and
 * the call has room to send (fewer updates than its limit await the viewer's acknowledgement).
 * With the desktop's change notices (X DAMAGE) a capture starts `coalesceMs` after the first
 * notice, or as soon as an acknowledgement makes room; without them every poll tick counts as a
 * change and the hints or the encoder find out. So a slow viewer lowers the frame rate instead
 * of building a queue, and an idle screen costs no capture.
 *
 * @param call - the guest call, after consent
 * @param desktop - the open desktop
 * @param options - poll interval and callbacks
 * @returns the pump, not started
 */
export function createFramePump(call: GuestCall, desktop: Desktop, options: FramePumpOptions = {}): FramePump {
  const interval = options.pollIntervalMs ?? 40;
  const coalesceMs = options.coalesceMs ?? 4;
  const useDamage = options.useDamage ?? true;
  let encoder: Encoder | undefined;
  let running = false;
  let busy = false;
  let frames = 0;
  let timer: ReturnType<typeof setInterval> | undefined;
  let soon: ReturnType<typeof setTimeout> | undefined;
  let unlisten: (() => void) | undefined;
  const captureSoon = () => {
    if (!running || soon !== undefined) return;
    soon = setTimeout(() => {
      soon = undefined;
      void pump();
    }, coalesceMs);
  };
  const changes = watchScreenChanges(desktop, useDamage, interval, captureSoon);
  const cursor = createCursorFollower(call, desktop);

  const fail = (error: unknown) => {
    if (!running) return;
    stop();
    options.onError?.(error);
  };

  const sendFrame = async () => {
    const startedAt = now();
    const { frame, hints } = await desktop.capture();
    const capturedAt = now();
    const damage = useDamage ? hints.damage : undefined;
    if (encoder !== undefined && damage?.length === 0) return; // nothing changed after all
    const keyframe = encoder === undefined;
    encoder ??= createEncoder({ width: frame.width, height: frame.height });
    const codecFrame = {
      width: frame.width,
      height: frame.height,
      stride: frame.stride,
      data: frame.data,
      format: frame.format,
    };
    const update = keyframe
      ? encoder.keyframe(codecFrame)
      : encoder.encode(codecFrame, damage === undefined ? undefined : { damage });
    const encodedAt = now();
    if (!running || !call.canSendFrame) {
      encoder = undefined; // the viewer never got this update: start over with a keyframe
      return;
    }
    const frameId = await call.sendFrame(update);
    const sentAt = now();
    frames++;
    options.onFrame?.({
      captureMs: capturedAt - startedAt,
      encodeMs: encodedAt - capturedAt,
      sendMs: sentAt - encodedAt,
      frameId,
      sentAt: performance.timeOrigin + sentAt,
      bytes: update.length,
      keyframe,
    });
  };

  const pump = async () => {
    if (!running || busy || !call.canSendFrame) return;
    if (!changes.take() && encoder !== undefined) return; // a keyframe is due even when nothing changed
    busy = true;
    try {
      await sendFrame();
    } catch (error) {
      fail(error);
    } finally {
      busy = false;
    }
    if (changes.pending) captureSoon(); // changed while this frame was on its way
  };

  const tick = () => {
    void pump();
    cursor.tick().catch(fail);
  };

  function stop(): void {
    running = false;
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
    if (soon !== undefined) clearTimeout(soon);
    soon = undefined;
    unlisten?.();
    unlisten = undefined;
    changes.close();
  }

  return {
    start() {
      if (running || timer !== undefined) return;
      running = true;
      unlisten = call.on('room-to-send', () => void pump());
      timer = setInterval(tick, interval);
      tick();
    },
    stop,
    get frames() {
      return frames;
    },
  };
}
