import type { ScreenFrame } from '@fernhilfe/desktop';
import type { GetImageReply } from 'x11';
import type { X11Connection } from './connection';
import { X11Error, X11ErrorCode } from './errors';
import type { CaptureBackend } from './frame';
import { bgrxStride } from './pixel-format';

const Z_PIXMAP = 2;
const ALL_PLANES = 0xffffffff;

/**
 * Full-screen capture with the core `GetImage` request: works on every X server, local or
 * remote, but the whole image travels through the X socket (≈ 8 MB per 1920×1080 frame).
 *
 * @param connection - an open connection
 * @returns a backend whose frames are freshly allocated each time
 * @throws {@link X11Error} `X11_UNSUPPORTED_PIXEL_FORMAT` unless the screen is BGRX
 */
export function createGetImageCapture(connection: X11Connection): CaptureBackend {
  const stride = bgrxStride(connection);
  const { width, height, root } = connection;
  return {
    name: 'getimage',
    async capture(onReply?: () => void): Promise<ScreenFrame> {
      const reply = await connection.request<GetImageReply>(
        'GetImage',
        (callback) => connection.client.GetImage(Z_PIXMAP, root, 0, 0, width, height, ALL_PLANES, callback),
        onReply,
      );
      if (reply.data.length < stride * height) {
        throw new X11Error(
          X11ErrorCode.REQUEST_FAILED,
          `GetImage returned ${reply.data.length} bytes, expected ${stride * height}`,
        );
      }
      const data = new Uint8Array(reply.data.buffer, reply.data.byteOffset, stride * height);
      return { width, height, stride, format: 'bgrx', data };
    },
    async close(): Promise<void> {},
  };
}
