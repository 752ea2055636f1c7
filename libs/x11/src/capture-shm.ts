import type { ScreenFrame } from '@fernhilfe/desktop';
import type { ShmSegment } from 'x11';
import type { X11Connection } from './connection';
import { X11Error, X11ErrorCode } from './errors';
import { requireExtension } from './extensions';
import type { CaptureBackend } from './frame';
import { bgrxStride } from './pixel-format';

const Z_PIXMAP = 2;
const ALL_PLANES = 0xffffffff;

/**
 * Full-screen capture through MIT-SHM: the server writes the image into a shared memory
 * segment (an unlinked file on `/dev/shm`, passed to the server with `AttachFd`; no native
 * module needed) and only a 32-byte reply crosses the socket. The `x11` package reads the
 * segment back with one positional read into a buffer that is reused for every frame.
 *
 * @param connection - an open connection to a local X server (unix socket)
 * @returns a backend whose frame data is valid until its next capture
 * @throws {@link X11Error} `X11_EXTENSION_MISSING` when MIT-SHM is absent or unusable
 *   (remote display, no `/dev/shm`, server older than SHM 1.2);
 *   `X11_UNSUPPORTED_PIXEL_FORMAT` unless the screen is BGRX
 */
export async function createShmCapture(connection: X11Connection): Promise<CaptureBackend> {
  const stride = bgrxStride(connection);
  const { width, height, root } = connection;
  const size = stride * height;
  const shm = await requireExtension(connection, 'shm');
  const usable = await connection.request<boolean>('MIT-SHM probe', (callback) => shm.usable(callback));
  if (!usable) {
    throw new X11Error(
      X11ErrorCode.EXTENSION_MISSING,
      `MIT-SHM on ${connection.displayName} cannot attach a segment (remote display, no /dev/shm or SHM < 1.2)`,
    );
  }
  let segment: ShmSegment | undefined = await connection.request<ShmSegment>('MIT-SHM segment', (callback) =>
    shm.createSegment(size, callback),
  );
  return {
    name: 'shm',
    async capture(onReply?: () => void): Promise<ScreenFrame> {
      const current = segment;
      if (current === undefined) throw new X11Error(X11ErrorCode.CLOSED, 'the MIT-SHM capture was closed');
      const reply = await connection.request<{ size: number }>(
        'ShmGetImage',
        (callback) => current.getImage(root, 0, 0, width, height, ALL_PLANES, Z_PIXMAP, 0, callback),
        onReply,
      );
      if (reply.size < size) {
        throw new X11Error(X11ErrorCode.REQUEST_FAILED, `ShmGetImage wrote ${reply.size} bytes, expected ${size}`);
      }
      const data = new Uint8Array(current.buffer.buffer, current.buffer.byteOffset, size);
      return { width, height, stride, format: 'bgrx', data };
    },
    async close(): Promise<void> {
      const current = segment;
      segment = undefined;
      if (current === undefined || !connection.isOpen) return;
      await connection
        .request<undefined>('MIT-SHM detach', (callback) => current.detach(() => callback(null, undefined)))
        .catch(() => undefined);
    },
  };
}
