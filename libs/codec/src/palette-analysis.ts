import { MAX_RLE_PALETTE } from './format';

const TABLE_SIZE = 1024; // power of two, > 2 · MAX_RLE_PALETTE keeps probes short

/**
 * Colour statistics of one tile: distinct colours (up to {@link MAX_RLE_PALETTE}), a palette index per
 * pixel and the number of runs in raster order. Reuses its buffers from tile to tile.
 */
export class PaletteAnalysis {
  /** Distinct colours found; `MAX_RLE_PALETTE + 1` means "too many" (then `indices` is incomplete). */
  colours = 0;
  /** Runs of equal pixels in raster order. */
  runs = 0;
  readonly palette = new Uint32Array(MAX_RLE_PALETTE);
  indices = new Uint8Array(64 * 64);
  readonly #keys = new Int32Array(TABLE_SIZE);
  readonly #slots = new Int32Array(TABLE_SIZE);
  readonly #stamps = new Uint32Array(TABLE_SIZE);
  #stamp = 0;

  /** Analyses `count` canonical pixels. */
  analyse(pixels: Uint32Array, count: number): void {
    if (this.indices.length < count) this.indices = new Uint8Array(count);
    this.#stamp = (this.#stamp + 1) >>> 0;
    if (this.#stamp === 0) {
      this.#stamps.fill(0);
      this.#stamp = 1;
    }
    const { palette, indices } = this;
    const keys = this.#keys;
    const slots = this.#slots;
    const stamps = this.#stamps;
    const stamp = this.#stamp;
    let colours = 0;
    let runs = 0;
    let last = -1;
    let lastIndex = 0;
    // Text alternates between two colours: remember the colour before the last one too.
    let before = -1;
    let beforeIndex = 0;
    let overflow = false;
    for (let i = 0; i < count; i++) {
      const v = pixels[i]!;
      if (v === last) {
        indices[i] = lastIndex;
        continue;
      }
      runs++;
      if (v === before && !overflow) {
        before = last;
        last = v;
        const swap = beforeIndex;
        beforeIndex = lastIndex;
        lastIndex = swap;
        indices[i] = lastIndex;
        continue;
      }
      before = last;
      beforeIndex = lastIndex;
      last = v;
      if (overflow) continue;
      let h = (Math.imul(v, 0x9e3779b1) >>> 22) & (TABLE_SIZE - 1);
      while (stamps[h] === stamp && keys[h] !== v) h = (h + 1) & (TABLE_SIZE - 1);
      if (stamps[h] === stamp) {
        lastIndex = slots[h]!;
      } else if (colours < MAX_RLE_PALETTE) {
        stamps[h] = stamp;
        keys[h] = v;
        slots[h] = colours;
        palette[colours] = v;
        lastIndex = colours++;
      } else {
        overflow = true;
        colours = MAX_RLE_PALETTE + 1;
        continue;
      }
      indices[i] = lastIndex;
    }
    this.colours = colours;
    this.runs = runs;
  }
}
