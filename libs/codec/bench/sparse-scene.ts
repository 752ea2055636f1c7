import type { Scene } from '../test/support/corpus';

/** Transitions in the sparse scene. */
const TRANSITIONS = 16;

/** A seeded pseudo-random generator (mulberry32), so every run measures the same pictures. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/**
 * Many small scattered changes on a still desktop, the case the corpus lacks: a blinking text
 * cursor, a clock's seconds, a calculator's display and a system monitor's scrolling graph, all
 * on top of the first frame of `base`.
 *
 * @param base - a recorded scene; only its first frame is used
 * @returns the scene: the still frame, then {@link TRANSITIONS} frames with small changes
 */
export function sparseScene(base: Scene): Scene {
  const { width, height } = base;
  const next = random(18);
  const put = (data: Uint8Array, x: number, y: number, rgb: number) => {
    const o = (y * width + x) * 4;
    data[o] = rgb & 0xff;
    data[o + 1] = (rgb >>> 8) & 0xff;
    data[o + 2] = (rgb >>> 16) & 0xff;
  };
  const fill = (data: Uint8Array, x0: number, y0: number, w: number, h: number, rgb: number) => {
    for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) put(data, x, y, rgb);
  };
  const glyphs = (data: Uint8Array, x0: number, y0: number, count: number, rgb: number) => {
    for (let c = 0; c < count; c++) {
      for (let y = 0; y < 14; y++)
        for (let x = 0; x < 7; x++) if (next() < 0.35) put(data, x0 + c * 9 + x, y0 + y, rgb);
    }
  };
  const graph: number[] = [];
  const frames = [base.frames[0]!.slice()];
  for (let i = 1; i <= TRANSITIONS; i++) {
    const data = frames[i - 1]!.slice();
    fill(data, Math.floor(width * 0.3), Math.floor(height * 0.4), 9, 17, i % 2 === 0 ? 0xffffff : 0x000000);
    fill(data, width - 90, 6, 80, 16, 0x202020);
    glyphs(data, width - 88, 7, 8, 0xf0f0f0);
    if (i % 3 === 0) {
      fill(data, width - 420, Math.floor(height * 0.55), 180, 24, 0xe8e8e8);
      glyphs(data, width - 250, Math.floor(height * 0.55) + 5, 1 + (i % 8), 0x101010);
    }
    graph.push(Math.floor(next() * 48));
    const gx = width - 180;
    const gy = height - 120;
    fill(data, gx, gy, 128, 48, 0x000000);
    const shown = graph.slice(-64);
    for (let k = 0; k < shown.length; k++) fill(data, gx + k * 2, gy + 48 - shown[k]!, 2, shown[k]!, 0x30c030);
    frames.push(data);
  }
  return { name: 'sparse', width, height, frames };
}
