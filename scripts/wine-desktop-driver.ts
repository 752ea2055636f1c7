import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeRgbaPng } from './png';
import type { Wine, WineProcess } from './wine';
import type { Xvfb } from './xvfb';
import { parseXwd } from './xwd';

/** Where a window is on the X screen (its frame included, when wine draws one). */
export interface WindowGeometry {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Wine's own fonts (Debian package fonts-wine) that Windows dialogs are drawn with. */
const WINE_FONTS_DIR = '/usr/share/wine/fonts';
const DIALOG_FONTS = ['tahoma.ttf', 'tahomabd.ttf', 'marlett.ttf'];

/**
 * Makes wine windows look like Windows on a bare Xvfb: wine draws Windows' own frames (title
 * bar, close button) instead of leaving them to an X window manager, which Xvfb does not have,
 * and the prefix gets Tahoma and Marlett (the caption buttons' glyphs), which this wine build
 * does not register by itself. Windows stay separate X windows, so xdotool finds them by title.
 *
 * @param wine - the prefix to prepare (before the program starts)
 */
export async function useWindowsFramesAndFonts(wine: Wine): Promise<void> {
  const missing = DIALOG_FONTS.filter((font) => !existsSync(join(WINE_FONTS_DIR, font)));
  if (missing.length > 0) {
    throw new Error(`${missing.join(', ')} missing: apt-get install -y --no-install-recommends fonts-wine`);
  }
  const fonts = join(wine.prefix, 'drive_c', 'windows', 'Fonts');
  mkdirSync(fonts, { recursive: true });
  for (const font of DIALOG_FONTS) copyFileSync(join(WINE_FONTS_DIR, font), join(fonts, font));
  await addRegistryValue(wine, 'HKCU\\Software\\Wine\\X11 Driver', 'Managed', 'N');
  // A caret that does not blink makes screenshots the same on every run.
  await addRegistryValue(wine, 'HKCU\\Control Panel\\Desktop', 'CursorBlinkRate', '-1');
}

async function addRegistryValue(wine: Wine, key: string, name: string, value: string): Promise<void> {
  const result = await wine.run('reg', ['add', key, '/v', name, '/d', value, '/f']);
  if (result.code !== 0) throw new Error(`reg add ${key} ${name} failed: ${result.output}`);
}

async function poll<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | undefined> | T | undefined,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/**
 * The POSIX regular expression xdotool matches a title with. xdotool compares the bytes of the
 * window's name as X stores it, so a character outside ASCII (the en dash in "Fernhilfe – …")
 * matches as any run of bytes.
 */
function titlePattern(title: string | RegExp): string {
  if (typeof title !== 'string') return title.source;
  const escaped = title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[^\x20-\x7e]+/g, '.+');
  return `^${escaped}$`;
}

/**
 * Reads the JSON lines a fixture prints; waits for the next one that matches.
 */
export class JsonLines {
  readonly #process: WineProcess;
  #seen = 0;

  /** @param process - the running fixture */
  constructor(process: WineProcess) {
    this.#process = process;
  }

  /**
   * Waits for the next printed line (after the ones already returned) that matches.
   *
   * @param match - the wanted line
   * @param timeoutMs - how long to wait @defaultValue 60000
   * @returns the parsed line
   */
  next(match: (line: Record<string, unknown>) => boolean, timeoutMs = 60_000): Promise<Record<string, unknown>> {
    return poll('a JSON line from the fixture', timeoutMs, () => {
      const lines = this.#process
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{'));
      for (let index = this.#seen; index < lines.length; index++) {
        const parsed = JSON.parse(lines[index] as string) as Record<string, unknown>;
        if (parsed.error) throw new Error(`fixture failed: ${String(parsed.error)}`);
        if (match(parsed)) {
          this.#seen = index + 1;
          return parsed;
        }
      }
      return undefined;
    }).catch((error: Error) => {
      throw new Error(`${error.message}; output so far:\n${this.#process.output()}`);
    });
  }

  /** Everything printed so far. */
  get all(): string {
    return this.#process.output();
  }
}

/**
 * Drives wine's windows on an Xvfb display as a person would, through xdotool.
 */
export class WineDesktopDriver {
  readonly #xvfb: Xvfb;

  /** @param xvfb - the display wine shows its windows on */
  constructor(xvfb: Xvfb) {
    this.#xvfb = xvfb;
  }

  /**
   * Waits until a window with this title (exactly, or matching a POSIX regular expression) is shown
   * and has settled.
   *
   * @param title - its title
   * @param timeoutMs - @defaultValue 30000
   * @returns where it is
   */
  findWindow(title: string | RegExp, timeoutMs = 30_000): Promise<WindowGeometry> {
    const pattern = titlePattern(title);
    let last = '';
    // Returns once the window's place and size are the same twice in a row: wine moves and
    // resizes the X window a moment after a dialog changed its content.
    return poll(`the window ${pattern}`, timeoutMs, async () => {
      const ids = (await this.#xdotool(['search', '--onlyvisible', '--name', pattern]).catch(() => '')).trim();
      const id = ids.split('\n').filter(Boolean).at(-1);
      if (id === undefined) return undefined;
      const geometry = await this.geometry(id);
      const key = JSON.stringify(geometry);
      const settled = key === last;
      last = key;
      return settled ? geometry : undefined;
    });
  }

  /**
   * Waits until no window with this title is shown.
   *
   * @param title - its title
   * @param timeoutMs - @defaultValue 30000
   */
  async waitGone(title: string | RegExp, timeoutMs = 30_000): Promise<void> {
    const pattern = titlePattern(title);
    await poll(`the window ${pattern} to close`, timeoutMs, async () => {
      const ids = (await this.#xdotool(['search', '--onlyvisible', '--name', pattern]).catch(() => '')).trim();
      return ids === '' ? true : undefined;
    });
  }

  /**
   * Where a window is now.
   *
   * @param id - its X window id
   */
  async geometry(id: string): Promise<WindowGeometry> {
    const shell = await this.#xdotool(['getwindowgeometry', '--shell', id]);
    const value = (name: string) => Number(new RegExp(`^${name}=(-?\\d+)$`, 'm').exec(shell)?.[1]);
    return { id, x: value('X'), y: value('Y'), width: value('WIDTH'), height: value('HEIGHT') };
  }

  /** Gives a window the keyboard focus. */
  async focus(window: WindowGeometry): Promise<void> {
    await this.#xdotool(['windowfocus', '--sync', window.id]);
  }

  /** Types text into the focused control. */
  async type(text: string): Promise<void> {
    await this.#xdotool(['type', '--delay', '60', text]);
  }

  /** Presses keys (`Return`, `Tab`, `Escape`, `alt+F4`). */
  async key(...keys: string[]): Promise<void> {
    for (const key of keys) await this.#xdotool(['key', key]);
  }

  /** Clicks at a point relative to a window's top-left corner. */
  async click(window: WindowGeometry, x: number, y: number): Promise<void> {
    await this.clickAt(window.x + x, window.y + y);
  }

  /** Clicks at a point of the screen (a control's centre, as Windows reports it). */
  async clickAt(x: number, y: number): Promise<void> {
    await this.#xdotool(['mousemove', '--sync', String(x), String(y)]);
    await this.#xdotool(['click', '1']);
  }

  /** Clicks the close button wine draws in the top-right corner of the title bar. */
  async clickCloseButton(window: WindowGeometry): Promise<void> {
    await this.click(window, window.width - 12, 12);
  }

  /**
   * Saves part of the screen as a PNG (`xwd -root`, converted).
   *
   * @param file - where
   * @param area - the part; a window's geometry plus a margin for its shadowless frame
   */
  async screenshot(file: string, area: WindowGeometry): Promise<void> {
    const image = parseXwd(await this.#xvfb.exec('xwd', ['-root', '-silent']));
    const x0 = Math.max(0, area.x);
    const y0 = Math.max(0, area.y);
    const width = Math.min(area.width, image.width - x0);
    const height = Math.min(area.height, image.height - y0);
    const rgba = new Uint8ClampedArray(width * height * 4);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const pixel = image.pixel(x0 + x, y0 + y);
        rgba.set([pixel >> 16, (pixel >> 8) & 0xff, pixel & 0xff, 0xff], (y * width + x) * 4);
      }
    }
    mkdirSync(dirname(file), { recursive: true });
    await writeRgbaPng(file, width, height, rgba);
  }

  async #xdotool(args: string[]): Promise<string> {
    return (await this.#xvfb.exec('xdotool', args)).toString();
  }
}
