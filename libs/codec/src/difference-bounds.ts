import type { FrameWords } from './frame-input';
import type { Rect } from './types';

/** The colour bits of a pixel word; the fourth byte (X or alpha) never counts as a change. */
const RGB = 0x00ffffff;

/**
 * Narrows a rectangle to the pixels that differ from the previous frame, so that a small change
 * (a blinking cursor, a clock digit, a marker) costs an op of its own size and not one of the
 * 16×16 blocks it touches, and a change of one colour becomes a `solid` op.
 *
 * @param frame - the new frame
 * @param previous - the previous frame in the same byte order, `width` words per row
 * @param width - row length of `previous` in words
 * @param rect - the rectangle to narrow, inside the frame
 * @returns the smallest rectangle inside `rect` holding every differing pixel, or `undefined` when none differs
 */
export function differenceBounds(
  frame: FrameWords,
  previous: Uint32Array,
  width: number,
  rect: Rect,
): Rect | undefined {
  const { words, stride } = frame;
  const right = rect.x + rect.width;
  let x0 = right;
  let x1 = rect.x - 1;
  let y0 = -1;
  let y1 = -1;
  for (let y = rect.y; y < rect.y + rect.height; y++) {
    const row = y * stride;
    const previousRow = y * width;
    let first = rect.x;
    while (first < right && ((words[row + first]! ^ previous[previousRow + first]!) & RGB) === 0) first++;
    if (first === right) continue;
    if (y0 < 0) y0 = y;
    y1 = y;
    if (first < x0) x0 = first;
    if (first > x1) x1 = first;
    for (let x = right - 1; x > x1; x--) {
      if (((words[row + x]! ^ previous[previousRow + x]!) & RGB) !== 0) {
        x1 = x;
        break;
      }
    }
  }
  if (y0 < 0) return undefined;
  return { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}
