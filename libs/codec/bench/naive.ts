import { deflateRawSync, inflateRawSync } from 'node:zlib';

/**
 * The baseline from the issue: every 64×64 tile with any changed pixel is sent as raw 4-byte
 * pixels (X zeroed) behind an 8-byte position header, all in one deflate level-1 stream.
 */
export function createNaiveCodec(width: number, height: number) {
  const previous = new Uint32Array(width * height);
  const picture = new Uint32Array(width * height);
  let first = true;

  function encode(data: Uint8Array): Uint8Array {
    const words = new Uint32Array(data.buffer, data.byteOffset, width * height);
    const parts: Uint8Array[] = [];
    for (let ty = 0; ty < height; ty += 64) {
      for (let tx = 0; tx < width; tx += 64) {
        const w = Math.min(64, width - tx);
        const h = Math.min(64, height - ty);
        let changed = first;
        for (let y = ty; y < ty + h && !changed; y++) {
          for (let x = tx, i = y * width + tx; x < tx + w; x++, i++) {
            if (((words[i]! ^ previous[i]!) & 0xffffff) !== 0) {
              changed = true;
              break;
            }
          }
        }
        if (!changed) continue;
        const tile = new Uint32Array(2 + w * h);
        tile[0] = (tx << 16) | ty;
        tile[1] = (w << 16) | h;
        let o = 2;
        for (let y = ty; y < ty + h; y++) {
          for (let x = tx, i = y * width + tx; x < tx + w; x++, i++) {
            const v = words[i]! & 0xffffff;
            tile[o++] = v;
            previous[i] = v;
          }
        }
        parts.push(new Uint8Array(tile.buffer));
      }
    }
    first = false;
    const total = parts.reduce((n, p) => n + p.length, 0);
    const body = new Uint8Array(total);
    let at = 0;
    for (const p of parts) {
      body.set(p, at);
      at += p.length;
    }
    return deflateRawSync(body, { level: 1 });
  }

  function decode(update: Uint8Array): void {
    const body = inflateRawSync(update);
    const words = new Uint32Array(body.buffer, body.byteOffset, body.length / 4);
    let p = 0;
    while (p < words.length) {
      const tx = words[p]! >>> 16;
      const ty = words[p]! & 0xffff;
      const w = words[p + 1]! >>> 16;
      const h = words[p + 1]! & 0xffff;
      p += 2;
      for (let y = ty; y < ty + h; y++) {
        for (let x = tx, i = y * width + tx; x < tx + w; x++, i++) {
          const v = words[p++]!;
          picture[i] = 0xff000000 | ((v & 0xff) << 16) | (v & 0xff00) | ((v >>> 16) & 0xff);
        }
      }
    }
  }

  return { encode, decode };
}
