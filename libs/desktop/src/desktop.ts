/** A rectangle in screen pixels, relative to the top-left corner of the captured screen. */
export interface Rect {
  /** Left column. */
  x: number;
  /** Top row. */
  y: number;
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
}

/**
 * One captured screen image in the codec's input format: 4 bytes per pixel in the order
 * blue, green, red, unused (the fourth byte may hold anything).
 */
export interface ScreenFrame {
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
  /** Bytes from the start of one row to the next (at least `width * 4`). */
  stride: number;
  /** Byte order of a pixel. */
  format: 'bgrx';
  /**
   * Pixel bytes, `stride * height` long. May be a view of a reused buffer: it stays valid
   * until the next capture on the same desktop. Copy it to keep it.
   */
  data: Uint8Array;
}

/** Encoder hints for one frame. */
export interface FrameHints {
  /**
   * Rectangles that changed since the previous frame, or `undefined` when the platform cannot
   * tell: then the encoder compares the whole frame.
   */
  damage: Rect[] | undefined;
}

/** A captured frame with the hints that belong to it. */
export interface CapturedFrame {
  /** The screen image. */
  frame: ScreenFrame;
  /** What changed since the previous frame. */
  hints: FrameHints;
}

/** The cursor shape currently shown on screen. */
export interface CursorImage {
  /** Identifies the shape: equal serials mean an equal image. */
  serial: number;
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
  /** Hotspot column: where inside the image the pointer position is. */
  hotX: number;
  /** Hotspot row. */
  hotY: number;
  /** `width * height * 4` bytes R, G, B, A (straight alpha). */
  rgba: Uint8Array;
}

/** Pointer position relative to the top-left corner of the captured screen. */
export interface PointerPosition {
  /** Column in pixels. */
  x: number;
  /** Row in pixels. */
  y: number;
}

/** A pointer button the viewer can press. */
export type PointerButtonName = 'left' | 'middle' | 'right';

/** One key press as the viewer's browser reported it (DOM `KeyboardEvent` fields). */
export interface KeyPress {
  /** Physical key, e.g. `KeyA`, `Enter`, `ShiftLeft`. */
  code: string;
  /** Character or named key the viewer's layout produced, e.g. `a`, `Ä`, `Enter`; may be empty. */
  key: string;
  /** Shift held. */
  shiftKey: boolean;
  /** Control held. */
  ctrlKey: boolean;
  /** Alt held. */
  altKey: boolean;
  /** Meta (Windows / Command) held. */
  metaKey: boolean;
}

/** Pointer injection into the shared desktop. */
export interface DesktopPointer {
  /**
   * Moves the pointer, clamped to the screen.
   *
   * @param x - column in pixels of the captured screen
   * @param y - row in pixels of the captured screen
   */
  move(x: number, y: number): void;
  /**
   * Presses a button; pressing a held button does nothing.
   *
   * @param button - which button
   */
  buttonDown(button: PointerButtonName): void;
  /**
   * Releases a button; releasing a button not held through this pointer does nothing.
   *
   * @param button - which button
   */
  buttonUp(button: PointerButtonName): void;
  /**
   * Turns the wheel.
   *
   * @param deltaX - clicks to the right (negative: left)
   * @param deltaY - clicks down (negative: up)
   */
  scroll(deltaX: number, deltaY: number): void;
  /** Releases every button held through this pointer. Never throws. */
  releaseAll(): void;
}

/** Keyboard injection into the shared desktop. */
export interface DesktopKeyboard {
  /**
   * Presses the key (typing its character where the layout cannot produce it by key).
   *
   * @param press - the viewer's key event
   */
  keyDown(press: KeyPress): void;
  /**
   * Releases a key pressed through this keyboard; other keys are ignored.
   *
   * @param key - the physical key
   */
  keyUp(key: Pick<KeyPress, 'code'>): void;
  /** Releases every key held through this keyboard. Never throws. */
  releaseAll(): void;
}

/** Why the desktop would not take injected input, as the agent is told. */
export type InputBlockedReason =
  /** The window under the pointer or in the foreground runs elevated (Windows UIPI). */
  | 'elevated-window'
  /** A secure desktop is shown (Windows UAC prompt, lock screen, Ctrl+Alt+Del screen). */
  | 'secure-desktop';

/** What a platform layer offers; a guest degrades feature by feature. */
export interface DesktopFeatures {
  /** Capture path in use, for diagnostics (e.g. `shm`, `getimage`, `gdi`). */
  capture: string;
  /** Frames carry change rectangles as encoder hints. */
  damage: boolean;
  /** The cursor image is available through {@link Desktop.takeCursorChange}. */
  cursor: boolean;
  /** Input can be injected: without it the session is view only. */
  input: boolean;
}

/**
 * The customer's screen as a guest shares it: capture with change hints, cursor, and input
 * injection. A platform layer (`@fernhilfe/x11`, `@fernhilfe/windows`) implements it;
 * the desktop session streams it. Nothing is captured until {@link Desktop.capture} is called.
 *
 * Coordinates everywhere are pixels of the captured frame, whose top-left corner is (0, 0)
 * even where the platform's screen starts elsewhere (Windows monitors left of the primary).
 */
export interface Desktop {
  /** Width of the captured screen in physical pixels. */
  readonly width: number;
  /** Height of the captured screen in physical pixels. */
  readonly height: number;
  /** What this platform layer offers. */
  readonly features: DesktopFeatures;
  /** Pointer injection; `undefined` when the desktop takes no input. */
  readonly pointer: DesktopPointer | undefined;
  /** Keyboard injection; `undefined` when the desktop takes no input. */
  readonly keyboard: DesktopKeyboard | undefined;
  /**
   * Captures the whole screen with the rectangles changed since the previous capture.
   *
   * @returns the frame and its hints
   */
  capture(): Promise<CapturedFrame>;
  /**
   * @returns the cursor image if its shape changed since the last call (the first call returns
   *   it), else `null`; always `null` without the `cursor` feature
   */
  takeCursorChange(): Promise<CursorImage | null>;
  /** @returns the pointer position */
  pointerPosition(): Promise<PointerPosition>;
  /**
   * Optional: adds a listener for screen changes the platform notices between captures (X
   * DAMAGE notifications), so that an idle screen costs no capture. A platform that learns what
   * changed only by capturing (or not at all) leaves it out: the session then captures at its
   * poll rate and lets {@link FrameHints} and the encoder tell what changed.
   *
   * @param listener - called when something on screen changed since the last capture (possibly often)
   * @returns a function that removes the listener
   */
  onScreenChange?(listener: () => void): () => void;
  /**
   * Adds a listener for the screen going away during the session (display server stopped,
   * user logged out). Requests fail from then on.
   *
   * @param listener - called once with the error
   * @returns a function that removes the listener
   */
  onDisplayLost(listener: (error: Error) => void): () => void;
  /**
   * Adds a listener for input the platform refused (an elevated window, a secure desktop), so
   * the agent can be told instead of clicking into nothing. Called at most once per change of
   * state, not per event.
   *
   * @param listener - called with the reason
   * @returns a function that removes the listener
   */
  onInputBlocked(listener: (reason: InputBlockedReason) => void): () => void;
  /** Releases every key and button held through this desktop. Never throws. */
  releaseAll(): void;
  /** Waits until injected input has been processed by the platform, where it can tell. */
  sync(): Promise<void>;
  /** Releases held input and frees platform resources. Safe to call twice. */
  close(): Promise<void>;
}
