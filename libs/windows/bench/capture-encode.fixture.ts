// Run under wine by bench/run.ts: captures and encodes frames of a changing screen (notepad moved
// and its text replaced between frames) and prints the per-frame times in ms as one JSON line.
import { createEncoder } from '@fernhilfe/codec';
import { openWindowsDesktop } from '../src/index';
import { findNotepad, waitFor } from '../test/support/win32-test-api';
import { changeNotepad } from './notepad-scene';

const FRAMES = Number(process.argv[2] ?? 60);
const WARMUP = 5;

async function main(): Promise<void> {
  const desktop = openWindowsDesktop({ input: false });
  await waitFor(() => findNotepad() !== undefined, 60_000);
  const notepad = findNotepad();
  if (notepad === undefined) throw new Error('notepad not found');
  const encoder = createEncoder({ width: desktop.width, height: desktop.height });
  const capture: number[] = [];
  const encode: number[] = [];
  const bytes: number[] = [];
  for (let i = 0; i < WARMUP + FRAMES; i++) {
    changeNotepad(notepad, i);
    const t0 = performance.now();
    const { frame, hints } = await desktop.capture();
    const t1 = performance.now();
    const update = encoder.encode(frame, { damage: hints.damage });
    const t2 = performance.now();
    if (i < WARMUP) continue;
    capture.push(t1 - t0);
    encode.push(t2 - t1);
    bytes.push(update.length);
  }
  console.log(JSON.stringify({ width: desktop.width, height: desktop.height, capture, encode, bytes }));
  await desktop.close();
}

void main();
