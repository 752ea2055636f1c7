import { bundleForWindows, spawnNodeUnderWine } from './run-under-wine';
import type { Wine, WineProcess } from './wine';

/** A screen rectangle as Windows reports it: left, top, right, bottom. */
export type ScreenRect = [number, number, number, number];

/** A control of a watched window (`STATIC`, `EDIT`, `BUTTON`, …). */
export interface WatchedControl {
  class: string;
  /** Its text; `null` for a password field (never read) or when the window did not answer. */
  text: string | null;
  visible: boolean;
  rect: ScreenRect;
}

/** A visible top-level window whose title starts with the watched prefix. */
export interface WatchedWindow {
  title: string;
  rect: ScreenRect;
  controls: WatchedControl[];
}

/** What the prefix's windows showed at one moment. */
export interface WindowsSnapshot {
  /** notepad's text and place, `null` while notepad is not open. */
  notepad: { text: string | null; rect: ScreenRect; editRect: ScreenRect } | null;
  windows: WatchedWindow[];
  /** The title of the foreground window (where typed keys go), `null` when there is none. */
  foreground: string | null;
}

/** The centre of a rectangle, in screen pixels. */
export function centreOf(rect: ScreenRect): { x: number; y: number } {
  return { x: Math.round((rect[0] + rect[2]) / 2), y: Math.round((rect[1] + rect[3]) / 2) };
}

/** The texts of a window's visible controls, top to bottom. */
export function visibleTexts(window: WatchedWindow): string[] {
  return window.controls.filter((control) => control.visible && control.text).map((control) => control.text as string);
}

/**
 * Reads what wine's windows show, as a screen reader would, from inside the prefix: a small
 * program run with Node 22 for Windows (`wine-window-watch.fixture.ts`) reads notepad's text and
 * the controls of the windows whose title starts with a prefix through Win32 (`WM_GETTEXT`,
 * `GetWindowRect`) every 200 ms and prints each change.
 */
export class WineWindowWatch {
  readonly #process: WineProcess;
  readonly #removeBundle: () => void;
  #parsedUpTo = 0;
  readonly #snapshots: WindowsSnapshot[] = [];

  private constructor(process: WineProcess, removeBundle: () => void) {
    this.#process = process;
    this.#removeBundle = removeBundle;
  }

  /**
   * Starts watching.
   *
   * @param wine - the prefix whose windows to read
   * @param titlePrefix - which top-level windows to describe, by the start of their title
   * @returns the running watch; stop it with {@link WineWindowWatch.stop}
   */
  static async start(wine: Wine, titlePrefix: string): Promise<WineWindowWatch> {
    const bundle = await bundleForWindows(new URL('./wine-window-watch.fixture.ts', import.meta.url).pathname);
    return new WineWindowWatch(spawnNodeUnderWine(wine, bundle.file, [titlePrefix]), bundle.remove);
  }

  /** Every snapshot printed so far, oldest first. */
  history(): readonly WindowsSnapshot[] {
    const output = this.#process.output();
    const complete = output.slice(0, output.lastIndexOf('\n') + 1);
    for (const line of complete.slice(this.#parsedUpTo).split('\n')) {
      if (line.startsWith('{')) this.#snapshots.push(JSON.parse(line) as WindowsSnapshot);
    }
    this.#parsedUpTo = complete.length;
    return this.#snapshots;
  }

  /** The newest snapshot, if any. */
  latest(): WindowsSnapshot | undefined {
    return this.history().at(-1);
  }

  /**
   * Waits until the newest snapshot gives a value.
   *
   * @param what - for the timeout message
   * @param probe - returns the wanted value, or `undefined` to keep waiting
   * @param timeoutMs - @defaultValue 60000
   * @returns the value
   */
  async waitFor<T>(what: string, probe: (snapshot: WindowsSnapshot) => T | undefined, timeoutMs = 60_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const snapshot = this.latest();
      const value = snapshot === undefined ? undefined : probe(snapshot);
      if (value !== undefined) return value;
      if (Date.now() > deadline) {
        throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last seen: ${JSON.stringify(snapshot)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /**
   * Waits for a visible window with this exact title.
   *
   * @param title - its title
   * @param timeoutMs - @defaultValue 60000
   */
  window(title: string, timeoutMs = 60_000): Promise<WatchedWindow> {
    return this.waitFor(`the window "${title}"`, (s) => s.windows.find((window) => window.title === title), timeoutMs);
  }

  /** Stops the watching program. */
  stop(): void {
    this.#process.child.kill('SIGKILL');
    this.#removeBundle();
  }
}
