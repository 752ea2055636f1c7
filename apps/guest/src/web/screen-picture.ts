import type { Encoder, Rect } from '@fernhilfe/codec';
import { GuestError, GuestErrorCode } from '../errors';

/** A picture of the shared screen, or of the part of it that changed. */
export interface ScreenPatch {
  /** Width of the whole screen in pixels. */
  width: number;
  /** Height of the whole screen in pixels. */
  height: number;
  /** The part of the screen `data` holds; the whole screen when absent. */
  rect?: Rect;
  /** RGBA (or RGBX) rows of `rect`, tightly packed; the 4th byte is ignored. */
  data: Uint8Array;
}

/**
 * The encoder's side of the shared screen: a whole picture that patches are written into, and
 * the codec encoder that turns it into updates, told which part changed. The first patch, and
 * the first after a size change, must cover the whole screen; its update is a keyframe.
 */
export class ScreenPicture {
  #encoder: Encoder | undefined;
  #pixels = new Uint8Array(0);

  /**
   * Writes a patch into the picture and encodes the change.
   *
   * @param patch - the changed part
   * @param makeEncoder - makes the codec encoder for a screen size
   * @returns the codec update
   * @throws {@link GuestError} `GUEST_ENCODER_FAILED` for a patch outside the screen, with the
   *   wrong number of bytes, or not covering a screen of a new size
   */
  encode(patch: ScreenPatch, makeEncoder: (size: { width: number; height: number }) => Encoder): Uint8Array {
    const { width, height } = patch;
    const rect = patch.rect ?? { x: 0, y: 0, width, height };
    checkPatch(patch, rect);
    const whole = rect.width === width && rect.height === height;
    if (this.#encoder === undefined || this.#encoder.width !== width || this.#encoder.height !== height) {
      if (!whole) throw new GuestError(GuestErrorCode.ENCODER_FAILED, 'the first picture must cover the screen');
      if (this.#encoder === undefined) this.#encoder = makeEncoder({ width, height });
      else this.#encoder.resize(width, height);
      this.#pixels = new Uint8Array(width * height * 4);
    }
    const rowBytes = rect.width * 4;
    for (let row = 0; row < rect.height; row++) {
      const from = row * rowBytes;
      this.#pixels.set(patch.data.subarray(from, from + rowBytes), ((rect.y + row) * width + rect.x) * 4);
    }
    const frame = { width, height, data: this.#pixels, format: 'rgba' as const };
    return whole ? this.#encoder.encode(frame) : this.#encoder.encode(frame, { damage: [rect] });
  }
}

function checkPatch(patch: ScreenPatch, rect: Rect): void {
  const inside =
    Number.isInteger(patch.width) &&
    Number.isInteger(patch.height) &&
    [rect.x, rect.y, rect.width, rect.height].every(Number.isInteger) &&
    rect.x >= 0 &&
    rect.y >= 0 &&
    rect.width > 0 &&
    rect.height > 0 &&
    rect.x + rect.width <= patch.width &&
    rect.y + rect.height <= patch.height;
  if (!inside) throw new GuestError(GuestErrorCode.ENCODER_FAILED, 'the changed part lies outside the screen');
  if (!(patch.data instanceof Uint8Array) || patch.data.length !== rect.width * rect.height * 4) {
    throw new GuestError(GuestErrorCode.ENCODER_FAILED, 'the changed part has the wrong number of bytes');
  }
}
