// Run under wine by bench/windows-stream.ts: the Windows platform layer streaming the wine
// desktop through the real relay to the viewer (capture → encode → seal → send per frame) while
// notepad moves and its text changes every 100 ms. Prints the StreamingResult as one JSON line.
import { openWindowsDesktop } from '@fernhilfe/windows';
import { changeNotepad } from '../../../libs/windows/bench/notepad-scene';
import { findNotepad, waitFor } from '../../../libs/windows/test/support/win32-test-api';
import { measureSession } from './measure-session';

const [url = '', number = '', secondsText = '10'] = process.argv.slice(2);
const SCENE_STEP_MS = 100;

async function main(): Promise<void> {
  const desktop = openWindowsDesktop({ input: false });
  try {
    await waitFor(() => findNotepad() !== undefined, 60_000);
    const notepad = findNotepad();
    if (notepad === undefined) throw new Error('notepad not found');
    let step = 0;
    const scene = setInterval(() => changeNotepad(notepad, step++), SCENE_STEP_MS);
    try {
      const result = await measureSession({ url, number, desktop, seconds: Number(secondsText), warmUpMs: 2000 });
      console.log(JSON.stringify({ width: desktop.width, height: desktop.height, ...result }));
    } finally {
      clearInterval(scene);
    }
  } finally {
    await desktop.close();
  }
}

// The relay link may keep a handle open; the bench waits for this process to end.
void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.log(JSON.stringify({ error: String(error) }));
    process.exit(1);
  },
);
