// Run with Node 22 for Windows under wine (scripts/run-under-wine.ts): reads what the windows of
// the prefix show, as a screen reader would, and prints a JSON line whenever it changed: notepad's
// text, and for every visible top-level window whose title starts with the argument, its place and
// its controls (class, text, place), and the foreground window's title. Password fields are never read.
import { loadKoffi } from '@fernhilfe/windows';

const WM_GETTEXT = 0x000d;
const GWL_STYLE = -16;
const ES_PASSWORD = 0x20;
const SMTO_ABORTIFHUNG = 0x2;
const POLL_MS = 200;
const MAX_CHARS = 4096;

const user32 = loadKoffi().load('user32.dll');
const FindWindowExW = user32.func(
  'intptr_t __stdcall FindWindowExW(intptr_t parent, intptr_t after, const char16_t *cls, const char16_t *name)',
) as (parent: number, after: number, cls: string | null, name: string | null) => number;
const IsWindowVisible = user32.func('bool __stdcall IsWindowVisible(intptr_t window)') as (window: number) => boolean;
const GetWindowRect = user32.func('bool __stdcall GetWindowRect(intptr_t window, _Out_ uint8_t *rect)') as (
  window: number,
  rect: Uint8Array,
) => boolean;
const GetClassNameW = user32.func('int __stdcall GetClassNameW(intptr_t window, _Out_ uint8_t *name, int size)') as (
  window: number,
  name: Uint8Array,
  size: number,
) => number;
const GetWindowLongW = user32.func('int32_t __stdcall GetWindowLongW(intptr_t window, int index)') as (
  window: number,
  index: number,
) => number;
const SendMessageTimeoutW = user32.func(
  'intptr_t __stdcall SendMessageTimeoutW(intptr_t window, uint32_t message, uintptr_t w, _Out_ uint8_t *l, uint32_t flags, uint32_t timeout, _Out_ uintptr_t *result)',
) as (
  window: number,
  message: number,
  w: number,
  l: Uint8Array,
  flags: number,
  timeout: number,
  result: [number],
) => number;

const GetForegroundWindow = user32.func('intptr_t __stdcall GetForegroundWindow()') as () => number;

/** A screen rectangle: left, top, right, bottom. */
type Rect = [number, number, number, number];

function rectOf(window: number): Rect {
  const bytes = new Uint8Array(16);
  GetWindowRect(window, bytes);
  const view = new DataView(bytes.buffer);
  return [view.getInt32(0, true), view.getInt32(4, true), view.getInt32(8, true), view.getInt32(12, true)];
}

function classOf(window: number): string {
  const bytes = new Uint8Array(512);
  const length = GetClassNameW(window, bytes, 256);
  return Buffer.from(bytes.buffer, 0, length * 2).toString('utf16le');
}

/** A window's text through WM_GETTEXT (marshalled across processes), or `null` when it hangs. */
function textOf(window: number): string | null {
  const bytes = new Uint8Array(MAX_CHARS * 2);
  const result: [number] = [0];
  if (SendMessageTimeoutW(window, WM_GETTEXT, MAX_CHARS, bytes, SMTO_ABORTIFHUNG, 2000, result) === 0) return null;
  return Buffer.from(bytes.buffer, 0, Number(result[0]) * 2).toString('utf16le');
}

function children(parent: number): number[] {
  const found: number[] = [];
  for (
    let child = FindWindowExW(parent, 0, null, null);
    child !== 0;
    child = FindWindowExW(parent, child, null, null)
  ) {
    found.push(child);
  }
  return found;
}

function describeControl(control: number) {
  const cls = classOf(control);
  const password = cls.toUpperCase() === 'EDIT' && (GetWindowLongW(control, GWL_STYLE) & ES_PASSWORD) !== 0;
  return {
    class: cls,
    text: password ? null : textOf(control),
    visible: IsWindowVisible(control),
    rect: rectOf(control),
  };
}

/** The title of the window the customer works in (keyboard input goes there), `null` for none. */
function foregroundTitle(): string | null {
  const window = GetForegroundWindow();
  return window === 0 ? null : textOf(window);
}

function snapshot(titlePrefix: string) {
  const notepad = FindWindowExW(0, 0, 'Notepad', null);
  const edit = notepad === 0 ? 0 : FindWindowExW(notepad, 0, 'Edit', null);
  const windows = children(0)
    .filter((window) => IsWindowVisible(window))
    .map((window) => ({ window, title: textOf(window) ?? '' }))
    .filter(({ title }) => title.startsWith(titlePrefix))
    .map(({ window, title }) => ({ title, rect: rectOf(window), controls: children(window).map(describeControl) }));
  return {
    notepad: edit === 0 ? null : { text: textOf(edit), rect: rectOf(notepad), editRect: rectOf(edit) },
    windows,
    foreground: foregroundTitle(),
  };
}

const titlePrefix = process.argv[2] ?? '';
let last = '';
setInterval(() => {
  const line = JSON.stringify(snapshot(titlePrefix));
  if (line === last) return;
  last = line;
  process.stdout.write(`${line}\n`);
}, POLL_MS);
