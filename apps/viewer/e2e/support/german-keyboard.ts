import type { Page } from 'playwright-core';

/** Keys of a German keyboard (physical `code`) for the characters the tests type, unshifted. */
const GERMAN_KEYS: Readonly<Record<string, { code: string; keyCode: number }>> = {
  ä: { code: 'Quote', keyCode: 222 },
  ö: { code: 'Semicolon', keyCode: 192 },
  ü: { code: 'BracketLeft', keyCode: 186 },
  ß: { code: 'Minus', keyCode: 219 },
  ' ': { code: 'Space', keyCode: 32 },
};

function keyOf(char: string): { code: string; keyCode: number; shift: boolean } {
  const lower = char.toLowerCase();
  const shift = char !== lower;
  const known = GERMAN_KEYS[lower];
  if (known) return { ...known, shift };
  // y and z trade places on a German keyboard; the tests avoid them.
  if (/^[a-x]$/.test(lower))
    return { code: `Key${lower.toUpperCase()}`, keyCode: lower.toUpperCase().charCodeAt(0), shift };
  throw new Error(`no German key for ${JSON.stringify(char)} in this test helper`);
}

/**
 * Types text into the page as a person at a German keyboard does: each character is a key
 * press with its physical `code` (ä is `Quote`, ü `BracketLeft`), Shift held for capitals.
 * Playwright's own `keyboard.type` sends characters outside the US layout as bare text input
 * without key events, which the viewer (like a remote desktop) does not forward.
 *
 * @param page - the agent's page
 * @param text - letters a–x, äöüß, their capitals and spaces
 */
export async function typeOnGermanKeyboard(page: Page, text: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const shift = { code: 'ShiftLeft', key: 'Shift', windowsVirtualKeyCode: 16 };
  try {
    for (const char of text) {
      const { code, keyCode, shift: shifted } = keyOf(char);
      const modifiers = shifted ? 8 : 0;
      if (shifted) await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...shift, modifiers });
      const key = { key: char, code, windowsVirtualKeyCode: keyCode, modifiers };
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', ...key, text: char, unmodifiedText: char });
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...key });
      if (shifted) await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...shift });
    }
  } finally {
    await cdp.detach();
  }
}
