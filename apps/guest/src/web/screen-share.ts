import type { FrameSource } from './frame-pump';
import type { ScreenPatch } from './screen-picture';
import { VideoFrameChanges } from './video-frame-changes';

/** The customer's shared screen, as chosen in the browser's own picker. */
export interface ScreenShare extends FrameSource {
  /**
   * Registers the function called when sharing stops from the browser's side (its "Stop
   * sharing" button, or the screen went away).
   *
   * @param listener - called once
   */
  onEnded(listener: () => void): void;
  /** Stops capturing and releases the screen (the browser's sharing indicator goes away). */
  stop(): void;
}

/** The few fields of Chrome's `MediaStreamTrackProcessor` this file uses (not in TypeScript's DOM types). */
interface TrackProcessor {
  readonly readable: ReadableStream<VideoFrame>;
}
type TrackProcessorConstructor = new (init: { track: MediaStreamTrack; maxBufferSize?: number }) => TrackProcessor;

/**
 * What the browser is asked for: the whole screen at its own resolution (no scaling, which
 * would blur text), video only, a moderate frame rate.
 */
const DISPLAY_MEDIA_OPTIONS = {
  video: { displaySurface: 'monitor', frameRate: { ideal: 15, max: 30 }, resizeMode: 'none' },
  audio: false,
  selfBrowserSurface: 'exclude',
  surfaceSwitching: 'exclude',
  monitorTypeSurfaces: 'include',
} as DisplayMediaStreamOptions;

/**
 * Asks the browser to capture the screen. Must be called straight from the customer's click
 * ("Ja"): the browser then shows its own picker, a second consent. Rejects with the browser's
 * `DOMException` (`NotAllowedError` when the customer cancels the picker).
 *
 * @param mediaDevices - `navigator.mediaDevices`
 * @returns the share, already delivering pictures
 */
export async function requestScreenShare(mediaDevices: MediaDevices): Promise<ScreenShare> {
  const stream = await mediaDevices.getDisplayMedia(DISPLAY_MEDIA_OPTIONS);
  const track = stream.getVideoTracks()[0];
  if (track === undefined) {
    for (const other of stream.getTracks()) other.stop();
    throw new DOMException('the browser gave no video track', 'NotSupportedError');
  }
  const Processor = (globalThis as { MediaStreamTrackProcessor?: TrackProcessorConstructor }).MediaStreamTrackProcessor;
  return Processor === undefined ? shareFromVideoElement(stream, track) : shareFromProcessor(stream, track, Processor);
}

/** Reads pixels from a drawable through a canvas that follows the picture's size. */
class PixelReader {
  #canvas: OffscreenCanvas | HTMLCanvasElement | undefined;
  #context: OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D | undefined;

  read(image: CanvasImageSource, width: number, height: number): ScreenPatch | undefined {
    if (width === 0 || height === 0) return undefined;
    const context = this.#contextFor(width, height);
    context.drawImage(image, 0, 0, width, height);
    const pixels = context.getImageData(0, 0, width, height).data;
    return { width, height, data: new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength) };
  }

  #contextFor(width: number, height: number): OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D {
    if (this.#canvas === undefined || this.#context === undefined) {
      this.#canvas =
        typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(width, height) : document.createElement('canvas');
      const context = this.#canvas.getContext('2d', { willReadFrequently: true, alpha: false }) as
        | OffscreenCanvasRenderingContext2D
        | CanvasRenderingContext2D
        | null;
      if (context === null) throw new DOMException('no 2D canvas available', 'NotSupportedError');
      this.#context = context;
    }
    if (this.#canvas.width !== width || this.#canvas.height !== height) {
      this.#canvas.width = width;
      this.#canvas.height = height;
    }
    return this.#context;
  }
}

function stopAll(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}

/**
 * Chrome and Edge: frames arrive as `VideoFrame`s, also while the page is in a background tab
 * or covered by the window the customer shows (a hidden `<video>` would stop updating). Chrome
 * delivers frames of a still screen too, so each is compared in its raw I420 planes first, and
 * only the changed part is converted to RGBA (`copyTo` with a `rect`), which costs a fraction of
 * drawing the whole frame to a canvas and reading it back.
 */
function shareFromProcessor(
  stream: MediaStream,
  track: MediaStreamTrack,
  Processor: TrackProcessorConstructor,
): ScreenShare {
  const reader = new Processor({ track, maxBufferSize: 2 }).readable.getReader();
  const pixels = new PixelReader();
  const changes = new VideoFrameChanges();
  let convert: 'copyTo' | 'canvas' = 'copyTo';
  let latest: VideoFrame | undefined;
  let frameListener: () => void = () => undefined;
  let stopped = false;

  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
      if (done || value === undefined) return;
      if (stopped) {
        value.close();
        return;
      }
      latest?.close();
      latest = value;
      frameListener();
    }
  })();

  return {
    onFrame(listener) {
      frameListener = listener;
    },
    async grab(whole) {
      const frame = latest;
      if (frame === undefined) return undefined;
      latest = undefined;
      try {
        if (convert === 'canvas') return pixels.read(frame, frame.displayWidth, frame.displayHeight);
        const changed = await changes.changed(frame);
        const { width, height } = frame.visibleRect ?? { width: frame.displayWidth, height: frame.displayHeight };
        const rect = whole ? { x: 0, y: 0, width, height } : changed;
        if (rect === undefined) return undefined;
        const data = new Uint8Array(rect.width * rect.height * 4);
        const origin = frame.visibleRect ?? { x: 0, y: 0 };
        try {
          await frame.copyTo(data, { rect: { ...rect, x: origin.x + rect.x, y: origin.y + rect.y }, format: 'RGBX' });
        } catch {
          convert = 'canvas'; // a browser without colour conversion in copyTo
          return pixels.read(frame, frame.displayWidth, frame.displayHeight);
        }
        return { width, height, rect, data };
      } finally {
        frame.close();
      }
    },
    onEnded(listener) {
      track.addEventListener('ended', listener, { once: true });
    },
    stop() {
      stopped = true;
      latest?.close();
      latest = undefined;
      reader.cancel().catch(() => undefined);
      stopAll(stream);
    },
  };
}

/** Other browsers: the stream plays in a detached, muted `<video>` that is drawn to a canvas. */
function shareFromVideoElement(stream: MediaStream, track: MediaStreamTrack): ScreenShare {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = stream;
  void video.play().catch(() => undefined);
  const pixels = new PixelReader();
  let frameListener: () => void = () => undefined;
  let stopped = false;
  let interval: ReturnType<typeof setInterval> | undefined;

  if (typeof video.requestVideoFrameCallback === 'function') {
    const onVideoFrame = () => {
      if (stopped) return;
      frameListener();
      video.requestVideoFrameCallback(onVideoFrame);
    };
    video.requestVideoFrameCallback(onVideoFrame);
  } else {
    interval = setInterval(() => frameListener(), 100);
  }

  return {
    onFrame(listener) {
      frameListener = listener;
    },
    grab() {
      if (video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) return undefined;
      return pixels.read(video, video.videoWidth, video.videoHeight);
    },
    onEnded(listener) {
      track.addEventListener('ended', listener, { once: true });
    },
    stop() {
      stopped = true;
      if (interval !== undefined) clearInterval(interval);
      video.srcObject = null;
      stopAll(stream);
    },
  };
}
