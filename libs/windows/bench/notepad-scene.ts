// The changing screen of the Windows benches, run under wine: notepad moved and its text
// replaced at every step, as a window being dragged while its text scrolls or is typed.
import type { Win32Handle } from '../src/win32/library';
import { moveWindow, setWindowText } from '../test/support/win32-test-api';

/** Text that differs on every line from one step to the next. */
function pageOfText(step: number): string {
  return Array.from(
    { length: 40 },
    (_, line) => `Frame ${step}, line ${line}: ${'Fernhilfe äöü '.repeat(1 + ((step + line) % 5))}`,
  ).join('\r\n');
}

/**
 * Moves and resizes notepad and replaces its text, differently for every step.
 *
 * @param notepad - its window and edit control (`findNotepad()`)
 * @param step - the step number
 */
export function changeNotepad(notepad: { window: Win32Handle; edit: Win32Handle }, step: number): void {
  moveWindow(notepad.window, 40 + ((step * 37) % 900), 30 + ((step * 23) % 400), 700 + ((step * 53) % 300), 600);
  setWindowText(notepad.edit, pageOfText(step));
}
