import type { X11Connection } from './connection';
import { X11Error, X11ErrorCode } from './errors';

const TRUE_COLOR = 4;
const LSB_FIRST = 0;

/**
 * Checks that screen 0 stores pixels as 32-bit little-endian TrueColor words with red in
 * bits 16–23, green in 8–15 and blue in 0–7, i.e. B,G,R,X bytes in memory: the format the
 * codec takes without conversion. This is the layout of every 24/32-bit Xorg and Xvfb screen.
 *
 * @param connection - an open connection
 * @returns the number of bytes per row of a full-screen ZPixmap image
 * @throws {@link X11Error} `X11_UNSUPPORTED_PIXEL_FORMAT` for any other layout
 */
export function bgrxStride(connection: X11Connection): number {
  const { display, screen } = connection;
  const depth = screen.root_depth;
  const visual = screen.depths[depth]?.[screen.root_visual];
  const format = display.format[depth];
  const ok =
    visual !== undefined &&
    format !== undefined &&
    visual.class === TRUE_COLOR &&
    visual.red_mask === 0xff0000 &&
    visual.green_mask === 0x00ff00 &&
    visual.blue_mask === 0x0000ff &&
    format.bits_per_pixel === 32 &&
    display.image_byte_order === LSB_FIRST;
  if (!ok || format === undefined) {
    throw new X11Error(
      X11ErrorCode.UNSUPPORTED_PIXEL_FORMAT,
      `screen depth ${depth} is not 32-bit little-endian TrueColor (BGRX); run the X server at depth 24`,
    );
  }
  const padBits = format.scanline_pad;
  const rowBits = connection.width * format.bits_per_pixel;
  return (Math.ceil(rowBits / padBits) * padBits) / 8;
}
