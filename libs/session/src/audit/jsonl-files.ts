import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';

const CHUNK = 64 * 1024;
const NEWLINE = 0x0a;

/**
 * Yields the lines of `[0, end)` of a file without their newlines (UTF-8). A line longer than
 * `maxLineBytes` is yielded as `''` (unparseable) instead of being held in memory.
 */
export async function* readLines(handle: FileHandle, end: number, maxLineBytes: number): AsyncGenerator<string> {
  const buffer = Buffer.allocUnsafe(CHUNK);
  let parts: Buffer[] = [];
  let partBytes = 0;
  let overlong = false;
  for (let position = 0; position < end; ) {
    const { bytesRead } = await handle.read(buffer, 0, Math.min(CHUNK, end - position), position);
    if (bytesRead === 0) break;
    let start = 0;
    for (let i = 0; i < bytesRead; i++) {
      if (buffer[i] !== NEWLINE) continue;
      const piece = buffer.subarray(start, i);
      if (overlong || partBytes + piece.length > maxLineBytes) {
        yield '';
      } else {
        yield parts.length === 0 ? piece.toString('utf8') : Buffer.concat([...parts, piece]).toString('utf8');
      }
      parts = [];
      partBytes = 0;
      overlong = false;
      start = i + 1;
    }
    const rest = buffer.subarray(start, bytesRead);
    if (!overlong && partBytes + rest.length <= maxLineBytes) {
      parts.push(Buffer.from(rest));
      partBytes += rest.length;
    } else {
      overlong = true;
      parts = [];
    }
    position += bytesRead;
  }
}

/** Offset just after the last newline in `[0, size)`, or 0 if there is none. */
export async function endOfLastLine(handle: FileHandle, size: number): Promise<number> {
  const buffer = Buffer.allocUnsafe(CHUNK);
  for (let end = size; end > 0; ) {
    const start = Math.max(0, end - CHUNK);
    const { bytesRead } = await handle.read(buffer, 0, end - start, start);
    const at = buffer.subarray(0, bytesRead).lastIndexOf(NEWLINE);
    if (at !== -1) return start + at + 1;
    end = start;
  }
  return 0;
}

/** Copies `[from, to)` of `source` to a new file at `target` (which must not exist) and fsyncs it. */
export async function copyRangeDurably(source: FileHandle, from: number, to: number, target: string): Promise<void> {
  const out = await open(target, 'wx', 0o600);
  try {
    const buffer = Buffer.allocUnsafe(CHUNK);
    for (let position = from; position < to; ) {
      const { bytesRead } = await source.read(buffer, 0, Math.min(CHUNK, to - position), position);
      if (bytesRead === 0) break;
      await writeFully(out, buffer.subarray(0, bytesRead));
      position += bytesRead;
    }
    await out.sync();
  } finally {
    await out.close();
  }
}

/** Writes all of `bytes` at the file's current (append) position. */
export async function writeFully(handle: FileHandle, bytes: Uint8Array): Promise<void> {
  for (let offset = 0; offset < bytes.length; ) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset, null);
    offset += bytesWritten;
  }
}

/** Makes a directory entry (a created or renamed file) durable. Platforms that cannot fsync a directory are skipped. */
export async function syncDirectory(directory: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(directory, 'r');
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL') throw error;
  } finally {
    await handle?.close();
  }
}

/**
 * Reads a small text file (a key, an anchor) without trusting its size.
 *
 * @returns its UTF-8 text, or `undefined` if it is larger than `maxBytes`
 * @throws the I/O error (e.g. `ENOENT`)
 */
export async function readSmallFile(path: string, maxBytes: number): Promise<string | undefined> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(maxBytes + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return bytesRead > maxBytes ? undefined : buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

/** SHA-256 hex of a line's UTF-8 bytes (node:crypto). */
export function sha256Line(line: string): string {
  return createHash('sha256').update(line, 'utf8').digest('hex');
}
