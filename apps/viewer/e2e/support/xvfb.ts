import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** A private X display for the test, with the clients started on it. */
export interface XDisplay {
  /** e.g. `:42` */
  readonly name: string;
  readonly width: number;
  readonly height: number;
  /** Environment with `DISPLAY` set. */
  readonly env: NodeJS.ProcessEnv;
  /** Runs an X client to completion (xdotool, xwd, …) and returns its stdout. */
  run(file: string, args: readonly string[]): Promise<Buffer>;
  /** Starts a long-running client; `stop()` kills it. */
  spawn(file: string, args: readonly string[], options?: { cwd?: string }): ChildProcess;
  /** Kills the clients, then the server. */
  stop(): Promise<void>;
}

/**
 * Starts Xvfb on a display number the server picks itself (`-displayfd`), so it never
 * collides with other displays on the machine.
 *
 * @param width - screen width
 * @param height - screen height
 * @returns the running display
 */
export async function startXDisplay(width: number, height: number): Promise<XDisplay> {
  const server = spawn(
    'Xvfb',
    ['-displayfd', '3', '-screen', '0', `${width}x${height}x24`, '-nolisten', 'tcp', '-noreset'],
    {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    },
  );
  let log = '';
  server.stderr?.on('data', (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000);
  });
  const number = await new Promise<string>((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`Xvfb did not start: ${log}`)), 10_000);
    server.stdio[3]?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) {
        clearTimeout(timer);
        resolve(text.trim());
      }
    });
    server.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Xvfb exited with ${code}: ${log}`));
    });
  });
  const name = `:${number}`;
  const env = { ...process.env, DISPLAY: name };
  const clients = new Set<ChildProcess>();
  return {
    name,
    width,
    height,
    env,
    async run(file, args) {
      const { stdout } = await execFileAsync(file, [...args], { env, encoding: 'buffer', maxBuffer: 64 << 20 });
      return stdout;
    },
    spawn(file, args, options = {}) {
      const child = spawn(file, [...args], { env, cwd: options.cwd, stdio: 'ignore' });
      clients.add(child);
      child.once('exit', () => clients.delete(child));
      return child;
    },
    async stop() {
      for (const child of clients) child.kill('SIGKILL');
      if (server.exitCode !== null) return;
      const gone = new Promise<void>((resolve) => server.once('exit', () => resolve()));
      server.kill('SIGTERM');
      const timer = setTimeout(() => server.kill('SIGKILL'), 3000);
      await gone;
      clearTimeout(timer);
    },
  };
}

/** Pixels of a screen region as 0xRRGGBB values, row by row. */
export interface ScreenRegion {
  width: number;
  height: number;
  rgb: Uint32Array;
}

/**
 * Captures a region of the root window with `xwd` (ZPixmap, 32 bits per pixel, TrueColor)
 * and decodes it (XWD header fields per X11 `XWDFile.h`, big-endian).
 *
 * @param display - the X display
 * @param region - the rectangle in screen pixels
 * @returns the region's pixels
 */
export async function captureRegion(
  display: XDisplay,
  region: { x: number; y: number; width: number; height: number },
): Promise<ScreenRegion> {
  const file = await display.run('xwd', ['-root', '-silent']);
  const header = (index: number) => file.readUInt32BE(index * 4);
  const headerSize = header(0);
  if (header(1) !== 7 || header(2) !== 2 || header(11) !== 32) throw new Error('unexpected xwd format');
  const byteOrder = header(7);
  const bytesPerLine = header(12);
  const colorCount = header(19);
  const start = headerSize + colorCount * 12;
  const rgb = new Uint32Array(region.width * region.height);
  for (let y = 0; y < region.height; y++) {
    for (let x = 0; x < region.width; x++) {
      const at = start + (region.y + y) * bytesPerLine + (region.x + x) * 4;
      const value = byteOrder === 0 ? file.readUInt32LE(at) : file.readUInt32BE(at);
      rgb[y * region.width + x] = value & 0xffffff;
    }
  }
  return { width: region.width, height: region.height, rgb };
}
