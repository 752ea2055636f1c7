// measure.mjs `--page-setup` module (glass-to-glass harness): plays the agent in the console —
// signs in, starts a session, hands the number to the customer helper, checks a security code
// is shown, lets the customer say "Ja" and shows the screen 1:1. measure.mjs then waits for its
// marker on the canvas. Reads FERNHILFE_BENCH_HELPER and FERNHILFE_BENCH_TOKEN (set by run.ts).
import type { Locator, Page } from 'playwright-core';

const TIMEOUT_MS = 60_000;
/** The customer starts the exe under wine before answering: allow for a busy machine. */
const JOIN_TIMEOUT_MS = 300_000;

async function post(url: string, body: object, timeoutMs: number): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const answer = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${url}: ${response.status} ${String(answer.error)}`);
  return answer;
}

/** Waits until the element's text matches and returns it. */
async function textMatching(element: Locator, pattern: RegExp, what: string): Promise<string> {
  const deadline = Date.now() + TIMEOUT_MS;
  while (Date.now() < deadline) {
    const text = ((await element.textContent({ timeout: 1000 }).catch(() => null)) ?? '').trim();
    if (pattern.test(text)) return text;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the console showed no ${what}`);
}

/**
 * Brings the console from sign-in to a shared screen.
 *
 * @param page - the agent console, loaded
 * @param context - measure.mjs's logger
 */
export default async function pageSetup(page: Page, context: { log?: (...parts: unknown[]) => void } = {}) {
  const log = context.log ?? console.error;
  const helper = process.env.FERNHILFE_BENCH_HELPER;
  const token = process.env.FERNHILFE_BENCH_TOKEN;
  if (helper === undefined || token === undefined) {
    throw new Error(
      'FERNHILFE_BENCH_HELPER and FERNHILFE_BENCH_TOKEN are not set: run bench/windows-glass-to-glass/run.ts',
    );
  }
  // Playwright's CSS locators reach into the viewer's open shadow root.
  const part = (name: string) => page.locator(`[data-part="${name}"]`);
  await page.locator('#agent-token').fill(token, { timeout: TIMEOUT_MS });
  await page.locator('[data-part="sign-in"] [type="submit"]').click({ timeout: TIMEOUT_MS });
  await part('new-session').click({ timeout: TIMEOUT_MS });
  const number = await textMatching(part('number'), /^\d{4}\s?\d{4}$/, 'session number');
  log(`windows guest: session ${number}, the customer starts the exe`);
  const joined = await post(`${helper}/join`, { number }, JOIN_TIMEOUT_MS);
  const code = await textMatching(part('security-code'), /\d{3}\s?\d{3}/, 'security code');
  log(`windows guest: pid ${String(joined.pid)} shows its consent dialog, console code ${code}; "Ja"`);
  await post(`${helper}/confirm`, {}, TIMEOUT_MS);
  await part('mode-1to1').click({ timeout: TIMEOUT_MS });
}
