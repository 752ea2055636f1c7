import type { ViewerKeyEvent } from '@fernhilfe/x11';

/** One viewer key event, as a browser on a US layout sends it. */
export interface ViewerKeyStep {
  type: 'down' | 'up';
  event: ViewerKeyEvent;
}

const shifted: Record<string, string> = {
  '!': 'Digit1',
  '@': 'Digit2',
  '#': 'Digit3',
  $: 'Digit4',
  '%': 'Digit5',
  '^': 'Digit6',
  '&': 'Digit7',
  '*': 'Digit8',
  '(': 'Digit9',
  ')': 'Digit0',
  _: 'Minus',
  '+': 'Equal',
  ':': 'Semicolon',
  '"': 'Quote',
  '<': 'Comma',
  '>': 'Period',
  '?': 'Slash',
  '~': 'Backquote',
  '|': 'Backslash',
  '{': 'BracketLeft',
  '}': 'BracketRight',
};
const plain: Record<string, string> = {
  ' ': 'Space',
  '-': 'Minus',
  '=': 'Equal',
  ';': 'Semicolon',
  "'": 'Quote',
  ',': 'Comma',
  '.': 'Period',
  '/': 'Slash',
  '`': 'Backquote',
  '\\': 'Backslash',
  '[': 'BracketLeft',
  ']': 'BracketRight',
};

function codeOf(char: string): { code: string; shift: boolean } {
  if (/^[a-z]$/.test(char)) return { code: `Key${char.toUpperCase()}`, shift: false };
  if (/^[A-Z]$/.test(char)) return { code: `Key${char}`, shift: true };
  if (/^[0-9]$/.test(char)) return { code: `Digit${char}`, shift: false };
  const s = shifted[char];
  if (s !== undefined) return { code: s, shift: true };
  const p = plain[char];
  if (p !== undefined) return { code: p, shift: false };
  throw new Error(`no US key for ${JSON.stringify(char)}`);
}

/**
 * The key events a browser sends while someone types `text` on a US keyboard: Shift is
 * pressed around shifted characters (when `withShiftKey`), and `shiftKey` is set accordingly.
 */
export function typeOnUsKeyboard(text: string, withShiftKey = true): ViewerKeyStep[] {
  const steps: ViewerKeyStep[] = [];
  for (const char of text) {
    const { code, shift } = codeOf(char);
    const shiftKey = shift && withShiftKey;
    if (shiftKey) steps.push({ type: 'down', event: { code: 'ShiftLeft', key: 'Shift', shiftKey: true } });
    steps.push({ type: 'down', event: { code, key: char, shiftKey } });
    steps.push({ type: 'up', event: { code, key: char, shiftKey } });
    if (shiftKey) steps.push({ type: 'up', event: { code: 'ShiftLeft', key: 'Shift', shiftKey: false } });
  }
  return steps;
}
