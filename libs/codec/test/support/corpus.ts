import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

/** The slice of the screen-recording corpus kept in the repository (`test/corpus/README.md`). */
export const VENDORED_CORPUS_DIR = fileURLToPath(new URL('../corpus', import.meta.url));

/** Scene names of the corpus. */
export const SCENES = ['xterm', 'chromium', 'drag'] as const;

/** One recorded scene: BGRX frames of `width`×`height`. */
export interface Scene {
  name: string;
  width: number;
  height: number;
  frames: Uint8Array[];
}

/** Whether `dir` holds a corpus (every scene's `meta.json`). */
export function corpusAt(dir: string): boolean {
  return SCENES.every((name) => existsSync(join(dir, name, 'meta.json')));
}

/** Loads every frame of one scene from `dir` (the vendored slice unless told otherwise). */
export function loadScene(name: string, dir: string = VENDORED_CORPUS_DIR): Scene {
  const sceneDir = join(dir, name);
  const meta = JSON.parse(readFileSync(join(sceneDir, 'meta.json'), 'utf8')) as {
    width: number;
    height: number;
    frames: number;
  };
  const frames: Uint8Array[] = [];
  for (let i = 0; i < meta.frames; i++) {
    const raw = gunzipSync(readFileSync(join(sceneDir, `frame-${String(i).padStart(3, '0')}.bgrx.gz`)));
    if (raw.length !== meta.width * meta.height * 4) throw new Error(`${name}: frame ${i} has the wrong size`);
    frames.push(new Uint8Array(raw.buffer, raw.byteOffset, raw.length));
  }
  return { name, width: meta.width, height: meta.height, frames };
}
