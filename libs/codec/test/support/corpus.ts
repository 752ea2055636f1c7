import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

/** The shared screen-recording corpus (see `/work/shared/corpus/README.md`), next to the repository. */
export const CORPUS_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../../../shared/corpus');

/** Scene names of the corpus. */
export const SCENES = ['xterm', 'chromium', 'drag'] as const;

/** One recorded scene: BGRX frames of `width`×`height`. */
export interface Scene {
  name: string;
  width: number;
  height: number;
  frames: Uint8Array[];
}

/** Whether the corpus is present. */
export function corpusAvailable(): boolean {
  return existsSync(join(CORPUS_DIR, 'xterm', 'meta.json'));
}

/** Loads every frame of one scene. */
export function loadScene(name: string): Scene {
  const dir = join(CORPUS_DIR, name);
  const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as {
    width: number;
    height: number;
    frames: number;
  };
  const frames: Uint8Array[] = [];
  for (let i = 0; i < meta.frames; i++) {
    const raw = gunzipSync(readFileSync(join(dir, `frame-${String(i).padStart(3, '0')}.bgrx.gz`)));
    if (raw.length !== meta.width * meta.height * 4) throw new Error(`${name}: frame ${i} has the wrong size`);
    frames.push(new Uint8Array(raw.buffer, raw.byteOffset, raw.length));
  }
  return { name, width: meta.width, height: meta.height, frames };
}
