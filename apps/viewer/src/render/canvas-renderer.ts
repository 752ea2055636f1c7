import { type CursorShape, type CursorUpdate, clipRect, type Framebuffer, type Rect } from './framebuffer';
import { displaySize, type ScaleMode } from './viewport';

/** Draws the remote screen and cursor into a container. */
export interface CanvasRenderer {
  /** The canvas with the remote screen (input is captured on it). */
  readonly canvas: HTMLCanvasElement;
  /** Remote screen size, 0×0 before the first frame. */
  readonly remoteWidth: number;
  readonly remoteHeight: number;
  /**
   * Repaints the changed rectangles of `framebuffer`; a new size or a new buffer repaints
   * everything.
   */
  frame(framebuffer: Framebuffer, rects: readonly Rect[]): void;
  /** Moves the cursor and, when given, changes its image. */
  cursor(update: CursorUpdate): void;
  /** Switches between fit-to-window and 1:1. */
  setMode(mode: ScaleMode): void;
  readonly mode: ScaleMode;
  /** Recomputes the displayed size (call when the container changed size). */
  layout(): void;
  /** Clears the picture (new session). */
  reset(): void;
}

/**
 * Creates the screen canvas and the cursor overlay inside `viewport`. The screen canvas
 * has the remote size as its backing store and is scaled by CSS, so a remote pixel is
 * painted exactly once and `putImageData` touches only dirty rectangles.
 *
 * @param viewport - element that gives the available room (scrolls in 1:1 mode)
 * @returns the renderer
 */
export function createCanvasRenderer(viewport: HTMLElement): CanvasRenderer {
  const doc = viewport.ownerDocument;
  const stage = doc.createElement('div');
  stage.className = 'fh-canvas-stage';
  const canvas = doc.createElement('canvas');
  canvas.className = 'fh-canvas';
  canvas.width = 0;
  canvas.height = 0;
  const cursorCanvas = doc.createElement('canvas');
  cursorCanvas.className = 'fh-cursor';
  cursorCanvas.hidden = true;
  stage.append(canvas, cursorCanvas);
  viewport.append(stage);

  const context = canvas.getContext('2d', { alpha: false })!;
  const cursorContext = cursorCanvas.getContext('2d')!;
  let image: ImageData | undefined;
  let imageSource: Uint8ClampedArray | undefined;
  let mode: ScaleMode = 'fit';
  let scale = 1;
  let cursorState: { x: number; y: number; visible: boolean; shape?: CursorShape } = { x: 0, y: 0, visible: false };

  const layout = () => {
    const size = displaySize(canvas.width, canvas.height, viewport.clientWidth, viewport.clientHeight, mode);
    scale = size.scale;
    canvas.style.width = `${size.width}px`;
    canvas.style.height = `${size.height}px`;
    stage.style.width = `${size.width}px`;
    stage.style.height = `${size.height}px`;
    viewport.dataset.mode = mode;
    placeCursor();
  };

  const placeCursor = () => {
    const shape = cursorState.shape;
    cursorCanvas.hidden = !cursorState.visible || !shape || canvas.width === 0;
    if (cursorCanvas.hidden || !shape) return;
    const left = (cursorState.x - shape.hotspotX) * scale;
    const top = (cursorState.y - shape.hotspotY) * scale;
    cursorCanvas.style.transform = `translate(${left}px, ${top}px) scale(${scale})`;
  };

  const drawCursorShape = (shape: CursorShape) => {
    cursorCanvas.width = shape.width;
    cursorCanvas.height = shape.height;
    if (shape.width > 0 && shape.height > 0) {
      const pixels = new ImageData(shape.rgba, shape.width, shape.height);
      cursorContext.putImageData(pixels, 0, 0);
    }
  };

  const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(() => layout()) : undefined;
  observer?.observe(viewport);

  return {
    canvas,
    get remoteWidth() {
      return canvas.width;
    },
    get remoteHeight() {
      return canvas.height;
    },
    get mode() {
      return mode;
    },
    frame(framebuffer, rects) {
      const { width, height, data } = framebuffer;
      if (width === 0 || height === 0) return;
      const resized = width !== canvas.width || height !== canvas.height;
      if (resized || data !== imageSource || !image) {
        if (resized) {
          canvas.width = width;
          canvas.height = height;
        }
        image = new ImageData(data, width, height);
        imageSource = data;
        context.putImageData(image, 0, 0);
        if (resized) layout();
        return;
      }
      for (const rect of rects) {
        const visible = clipRect(rect, width, height);
        if (visible) context.putImageData(image, 0, 0, visible.x, visible.y, visible.width, visible.height);
      }
    },
    cursor(update) {
      if (update.shape) drawCursorShape(update.shape);
      cursorState = { x: update.x, y: update.y, visible: update.visible, shape: update.shape ?? cursorState.shape };
      placeCursor();
    },
    setMode(next) {
      mode = next;
      layout();
    },
    layout,
    reset() {
      canvas.width = 0;
      canvas.height = 0;
      image = undefined;
      imageSource = undefined;
      cursorState = { x: 0, y: 0, visible: false };
      layout();
    },
  };
}
